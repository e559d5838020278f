using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What a build starts with: the request and the polling cadence, fixed at schedule time so replays agree.</summary>
public sealed record CreateClusterInput(ClusterRequest Request, BuildTimings Timings);
