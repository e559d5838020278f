namespace ClusterFunctions.Durable.Client;

/// <summary>A filter for listing instances, with paging.</summary>
public sealed record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null);
