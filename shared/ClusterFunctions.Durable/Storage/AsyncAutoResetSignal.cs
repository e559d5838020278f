namespace ClusterFunctions.Durable.Storage;

/// <summary>Wakes one waiting dispatcher loop; a signal with no waiter is remembered for the next wait.</summary>
internal sealed class AsyncAutoResetSignal(TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private TaskCompletionSource? waiter;
    private bool signaled;

    public void Set()
    {
        TaskCompletionSource? toRelease;
        lock (gate)
        {
            toRelease = waiter;
            waiter = null;
            signaled = toRelease is null;
        }

        toRelease?.TrySetResult();
    }

    public async Task WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            if (signaled)
            {
                signaled = false;
                return;
            }

            waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            task = waiter.Task;
        }

        try
        {
            await task.WaitAsync(maxWait, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Polling interval elapsed: other processes may have enqueued work that no signal reports.
        }
    }
}
