using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>A profile after its <c>extends</c> chain is merged: everything a cluster of this kind gets.</summary>
public sealed record ProfileDefinition(
    string Name,
    string File,
    string Description,
    InfrastructureDefinition Infrastructure,
    IReadOnlyList<BundleSelection> Apps,
    IReadOnlyList<BundleSelection> Policies,
    FailurePolicy OnFailure,
    IReadOnlyList<string> Requesters,
    ApprovalPolicy? Approval,
    TimeSpan? Ttl = null,
    ReconcilePolicy? Reconcile = null,
    RolloutMode Rollout = RolloutMode.Manual);
