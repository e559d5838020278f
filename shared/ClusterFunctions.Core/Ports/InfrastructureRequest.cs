using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Ports;

/// <summary>The input of every infrastructure call: which request it serves and the rendered infrastructure plan.</summary>
/// <param name="RequestId">The request the cluster belongs to; matched against the cluster's request-id tag.</param>
/// <param name="Infrastructure">The plan's infrastructure part (provider and its details).</param>
public sealed record InfrastructureRequest(string RequestId, InfrastructurePlan Infrastructure);
