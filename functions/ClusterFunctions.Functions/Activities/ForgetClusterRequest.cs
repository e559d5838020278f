namespace ClusterFunctions.Functions.Activities;

/// <summary>A deleted cluster, whose record goes when it is still this request's.</summary>
public sealed record ForgetClusterRequest(string ClusterName, string RequestId);
