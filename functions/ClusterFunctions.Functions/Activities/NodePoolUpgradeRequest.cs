using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>One node pool to move to the plan's Kubernetes version.</summary>
public sealed record NodePoolUpgradeRequest(InfrastructureRequest Infrastructure, string NodePool);
