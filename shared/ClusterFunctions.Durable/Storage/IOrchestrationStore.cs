using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>The storage backend seam: queues, leases, history and instance state, each change atomic.</summary>
public interface IOrchestrationStore
{
    /// <summary>Creates the schema if missing.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an instance; throws <see cref="OrchestrationAlreadyExistsException"/> when one exists in <paramref name="dedupeStatuses"/>.</summary>
    Task CreateInstanceAsync(NewOrchestrationInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default);

    /// <summary>Queues a message (event, terminate, suspend, resume) for a non-terminal instance.</summary>
    Task<SendEventResult> SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads one instance.</summary>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>Reads a page of instances ordered by instance ID.</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceFilter filter, int pageSize, string? continuationToken, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>Reads the current execution's history.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance (and, when recursive, its sub-orchestrations); returns how many went.</summary>
    Task<int> PurgeInstanceAsync(string instanceId, bool recursive, CancellationToken cancellationToken = default);

    /// <summary>Deletes up to <paramref name="batchSize"/> terminal instances matching the filter in one transaction.</summary>
    Task<int> PurgeBatchAsync(InstanceFilter filter, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>Leases the next instance with visible messages, or returns null.</summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(string workerId, TimeSpan lockTimeout, int maxMessages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits an episode and releases the lease; not committed when the lease was lost (nothing is written). With a
    /// <paramref name="claim"/>, new activity tasks are leased to that worker in the same transaction and returned.
    /// </summary>
    Task<CheckpointResult> CompleteOrchestrationAsync(
        OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, TaskClaim? claim = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the work item's messages without running anything (stale or duplicate messages).</summary>
    Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>Releases the lease and hides the messages for <paramref name="delay"/>, recording <paramref name="error"/>.</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, string error, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="maxCount"/> visible activity tasks.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(string workerId, TimeSpan lockTimeout, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits activity outcomes in one transaction; per item false when its lease was lost (result discarded). With a
    /// <paramref name="claim"/>, free instances that received results are leased to that worker in the same transaction.
    /// </summary>
    Task<ActivityCompletionResult> CompleteActivitiesAsync(
        IReadOnlyList<ActivityResult> results, OrchestrationClaim? claim = null, CancellationToken cancellationToken = default);

    /// <summary>Releases an activity lease and hides the task for <paramref name="delay"/>, recording <paramref name="error"/>.</summary>
    Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, string error, CancellationToken cancellationToken = default);

    /// <summary>Extends the leases this worker holds.</summary>
    Task RenewLocksAsync(string workerId, IReadOnlyCollection<string> instanceIds, IReadOnlyCollection<long> taskSequenceNumbers, TimeSpan lockTimeout, CancellationToken cancellationToken = default);

    /// <summary>Waits until orchestration work may be available (in-process signal) or <paramref name="maxWait"/> passes.</summary>
    Task WaitForOrchestrationWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>Waits until activity work may be available (in-process signal) or <paramref name="maxWait"/> passes.</summary>
    Task WaitForActivityWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>A task that completes on the next change of <paramref name="instanceId"/> made through this store object.</summary>
    Task WhenInstanceChanges(string instanceId);
}
