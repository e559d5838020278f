namespace ClusterFunctions.Durable;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public record TaskOptions(TaskRetryOptions? Retry = null, IDictionary<string, string>? Tags = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Sub-orchestration options with an explicit child instance ID.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}
