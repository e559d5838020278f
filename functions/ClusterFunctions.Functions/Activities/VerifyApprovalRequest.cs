using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Activities;

/// <summary>An approval event a build received, to check it came from an approval route.</summary>
public sealed record VerifyApprovalRequest(string InstanceId, ApprovalDecision Decision);
