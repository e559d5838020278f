namespace ClusterFunctions.Core.Plans;

/// <summary>Whether a build must wait for a person's approval, who may give it, and how long it waits.</summary>
/// <param name="Approvers">Roles or groups allowed to approve or deny.</param>
/// <param name="TimeoutSeconds">How long the build waits before it fails for want of a decision.</param>
public sealed record ApprovalPolicy(IReadOnlyList<string> Approvers, int TimeoutSeconds);
