namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Remembers message ids for a window, as Service Bus duplicate detection does per queue or topic.</summary>
internal sealed class DuplicateDetector(TimeSpan window)
{
    readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    readonly object gate = new();

    public bool Enabled => window > TimeSpan.Zero;

    /// <summary>True when the id is new inside the window (and is now remembered).</summary>
    public bool TryRecord(string messageId, DateTimeOffset now)
    {
        lock (gate)
        {
            if (seen.TryGetValue(messageId, out var at) && now - at < window)
            {
                return false;
            }

            seen[messageId] = now;
            return true;
        }
    }

    public void Restore(string messageId, DateTimeOffset at)
    {
        lock (gate)
        {
            seen[messageId] = at;
        }
    }

    public void Prune(DateTimeOffset now)
    {
        lock (gate)
        {
            foreach (var expired in seen.Where(pair => now - pair.Value >= window).Select(pair => pair.Key).ToList())
            {
                seen.Remove(expired);
            }
        }
    }

    public IReadOnlyList<KeyValuePair<string, DateTimeOffset>> Snapshot()
    {
        lock (gate)
        {
            return seen.ToList();
        }
    }
}
