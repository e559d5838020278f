namespace ClusterFunctions.Durable.Client;

/// <summary>One page of instances and the token of the next page (null at the end).</summary>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
