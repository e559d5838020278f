namespace ClusterFunctions.LocalCloud.Arm.State;

/// <summary>One long-running operation, answered at the Azure-AsyncOperation and Location URLs.</summary>
internal sealed class EmulatedOperation(string id, string location, string clusterKey, OperationKind kind, DateTimeOffset startedAt, DateTimeOffset dueAt)
{
    public string Id { get; } = id;

    public string Location { get; } = location;

    public string ClusterKey { get; } = clusterKey;

    public OperationKind Kind { get; } = kind;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset DueAt { get; } = dueAt;

    /// <summary>"InProgress", "Succeeded", "Failed" or "Canceled", as ARM spells them.</summary>
    public string Status { get; set; } = "InProgress";

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The failure to end with (injected), or the failure it ended with.</summary>
    public (string Code, string Message)? Failure { get; set; }
}
