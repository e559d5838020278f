using System.Collections.Concurrent;

namespace ClusterFunctions.Durable.Storage;

/// <summary>Per-instance change notification: waiters on one instance wake when that instance changes, nobody else.</summary>
internal sealed class ChangePulse
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiters = new(StringComparer.Ordinal);

    public Task Next(string instanceId) =>
        waiters.GetOrAdd(instanceId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Pulse(string instanceId)
    {
        if (waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
