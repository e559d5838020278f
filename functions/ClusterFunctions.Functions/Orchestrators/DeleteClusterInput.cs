using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What a delete starts with: the request that created the cluster, the polling cadence, the trigger's W3C trace context,
/// and why ("expired" when the cluster's ttl ran out; null when a person asked).</summary>
public sealed record DeleteClusterInput(ClusterRequest Request, BuildTimings Timings, string? TraceParent = null, string? Signature = null, string? Reason = null);
