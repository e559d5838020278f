using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What a delete starts with: the request that created the cluster, the polling cadence and the trigger's W3C trace context.</summary>
public sealed record DeleteClusterInput(ClusterRequest Request, BuildTimings Timings, string? TraceParent = null, string? Signature = null);
