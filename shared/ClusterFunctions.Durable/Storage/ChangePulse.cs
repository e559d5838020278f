namespace ClusterFunctions.Durable.Storage;

/// <summary>Completes the current task on every change, so any number of waiters wake at once.</summary>
internal sealed class ChangePulse
{
    private TaskCompletionSource current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref current).Task;

    public void Pulse()
    {
        var previous = Interlocked.Exchange(ref current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
