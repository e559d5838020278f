using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What a build starts with: the request, the polling cadence (fixed at schedule time so replays agree) and the trigger's W3C trace context.</summary>
public sealed record CreateClusterInput(ClusterRequest Request, BuildTimings Timings, string? TraceParent = null);
