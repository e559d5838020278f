using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What a build starts with: the request, the polling cadence (fixed at schedule time so replays agree), the trigger's W3C trace
/// context, and the create route's signature (a build without a valid one does nothing).</summary>
public sealed record CreateClusterInput(ClusterRequest Request, BuildTimings Timings, string? TraceParent = null, string? Signature = null);
