namespace ClusterFunctions.Durable.Storage;

/// <summary>Whether a checkpoint committed, and the new activity tasks it leased straight to this worker.</summary>
public sealed record CheckpointResult(bool Committed, IReadOnlyList<ActivityWorkItem> ClaimedTasks)
{
    /// <summary>The lease was lost: nothing was written.</summary>
    public static CheckpointResult LeaseLost { get; } = new(false, []);
}
