namespace ClusterFunctions.Durable.Worker;

/// <summary>Worker limits, leases, polling, poison handling and retention.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Identifies this worker in leases; unique per process by default.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Orchestration episodes run at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = Environment.ProcessorCount * 32;

    /// <summary>Activities run at once.</summary>
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount * 32;

    /// <summary>Most messages one episode consumes (a large fan-in is absorbed in few episodes).</summary>
    public int MaxMessagesPerWorkItem { get; set; } = 1000;

    /// <summary>Lease length on instances and activity tasks; renewed every third of it while held.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often to look for work written by other processes (in-process work wakes the worker at once).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A message taken more often than this without completing fails its orchestration or activity.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>First delay after a work item is abandoned; doubles per dequeue, capped at 30 s.</summary>
    public TimeSpan AbandonBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Executors kept in memory between episodes (extended sessions).</summary>
    public int ExecutorCacheSize { get; set; } = 2048;

    /// <summary>Finished instances older than this are purged; null keeps them forever.</summary>
    public TimeSpan? RetentionPeriod { get; set; }

    /// <summary>How often retention runs.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Instances purged per transaction, so purges never hold the write lock long.</summary>
    public int PurgeBatchSize { get; set; } = 100;

    /// <summary>Checks the values and names the one that is wrong.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(WorkerId, nameof(WorkerId));
        Positive(MaxConcurrentOrchestrations, nameof(MaxConcurrentOrchestrations));
        Positive(MaxConcurrentActivities, nameof(MaxConcurrentActivities));
        Positive(MaxMessagesPerWorkItem, nameof(MaxMessagesPerWorkItem));
        Positive(MaxDequeueCount, nameof(MaxDequeueCount));
        Positive(ExecutorCacheSize, nameof(ExecutorCacheSize));
        Positive(PurgeBatchSize, nameof(PurgeBatchSize));
        if (LockTimeout < TimeSpan.FromMilliseconds(300))
        {
            throw new ArgumentOutOfRangeException(nameof(LockTimeout), LockTimeout, "DurableTaskWorkerOptions.LockTimeout must be at least 300 ms.");
        }

        if (PollingInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(PollingInterval), PollingInterval, "DurableTaskWorkerOptions.PollingInterval must be positive.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"DurableTaskWorkerOptions.{name} must be greater than 0.");
        }
    }
}
