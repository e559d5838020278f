using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>One bundle to apply to the request's cluster (the connection is opened inside the activity).</summary>
public sealed record ApplyBundleRequest(InfrastructureRequest Infrastructure, string ClusterName, BundlePlan Bundle);
