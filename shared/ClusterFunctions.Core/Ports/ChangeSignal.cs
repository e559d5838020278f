namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Changes counted as they come and waited for between reads. A change that comes while nobody waits (during a read)
/// is kept for the next wait, so it is never lost; one wait takes every change before it returns, since the read after
/// it sees them all. Also the watch of a probe that has nothing to watch: it never changes, and each wait is a delay.
/// </summary>
public class ChangeSignal : IGateWatch
{
    private readonly Lock sync = new();
    private long changes;
    private long seen;
    private TaskCompletionSource next = NewSource();

    /// <summary>Counts a change and wakes the wait in progress, if any.</summary>
    public void Change()
    {
        TaskCompletionSource woken;
        lock (sync)
        {
            changes++;
            woken = next;
            next = NewSource();
        }

        woken.TrySetResult();
    }

    /// <inheritdoc />
    public async Task WaitAsync(TimeSpan longest, TimeProvider time, CancellationToken cancellationToken = default)
    {
        Task changed;
        lock (sync)
        {
            if (changes != seen)
            {
                seen = changes;
                return;
            }

            changed = next.Task;
        }

        using (var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var timeout = Task.Delay(longest, time, delay.Token);
            await Task.WhenAny(changed, timeout).ConfigureAwait(false);
            // Stops the delay's timer when a change won; a cancellation from outside still ends the wait as one.
            await delay.CancelAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            seen = changes;
        }
    }

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
