namespace ClusterFunctions.Durable.Storage;

/// <summary>One page of a query, with the token for the next page (null at the end).</summary>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
