namespace ClusterFunctions.Messaging.Listener;

/// <summary>Message ids handled recently, and the ones being handled right now.</summary>
internal sealed class DuplicateWindow(TimeSpan window, TimeProvider timeProvider)
{
    readonly object gate = new();
    readonly Dictionary<string, DateTimeOffset> handled = new(StringComparer.Ordinal);
    readonly Dictionary<string, Task<bool>> inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims an id for handling. Returns null when it may go ahead; otherwise a task that tells whether
    /// an earlier copy was (or will be) handled successfully, in which case this copy is a duplicate.
    /// </summary>
    public Task<bool>? TryClaim(string id, Task<bool> handling)
    {
        lock (gate)
        {
            Prune();
            if (handled.ContainsKey(id))
            {
                return Task.FromResult(true);
            }

            if (inFlight.TryGetValue(id, out var earlier))
            {
                return earlier;
            }

            inFlight[id] = handling;
            return null;
        }
    }

    public void Finish(string id, bool succeeded)
    {
        lock (gate)
        {
            inFlight.Remove(id);
            if (succeeded)
            {
                handled[id] = timeProvider.GetUtcNow();
            }
        }
    }

    void Prune()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var old in handled.Where(pair => now - pair.Value >= window).Select(pair => pair.Key).ToList())
        {
            handled.Remove(old);
        }
    }
}
