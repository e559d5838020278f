using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What a delete starts with: the request that created the cluster and the polling cadence.</summary>
public sealed record DeleteClusterInput(ClusterRequest Request, BuildTimings Timings);
