using System.Collections.Concurrent;

namespace ClusterFunctions.Durable.Worker;

/// <summary>The instance and task leases this worker holds, for the renewal loop.</summary>
internal sealed class LeaseTracker
{
    private readonly ConcurrentDictionary<string, byte> instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, byte> tasks = new();

    public void HoldInstance(string instanceId) => instances[instanceId] = 0;

    public void ReleaseInstance(string instanceId) => instances.TryRemove(instanceId, out _);

    public void HoldTask(long sequenceNumber) => tasks[sequenceNumber] = 0;

    public void ReleaseTask(long sequenceNumber) => tasks.TryRemove(sequenceNumber, out _);

    public IReadOnlyCollection<string> Instances => [.. instances.Keys];

    public IReadOnlyCollection<long> Tasks => [.. tasks.Keys];
}
