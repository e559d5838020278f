namespace ClusterFunctions.Durable;

/// <summary>Options for a sub-orchestration, including its instance ID.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options with an optional explicit child instance ID.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>Copies <paramref name="options"/> and sets the child instance ID.</summary>
    public SubOrchestrationOptions(TaskOptions options, string? instanceId)
        : base(options ?? throw new ArgumentNullException(nameof(options)))
    {
        InstanceId = instanceId;
    }

    /// <summary>The child's instance ID; a deterministic GUID when null.</summary>
    public string? InstanceId { get; init; }
}
