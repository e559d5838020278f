namespace ClusterFunctions.Core.Plans;

/// <summary>Everything "create" will do for one request, rendered deterministically from the catalog.</summary>
/// <param name="RequestId">The request this plan was rendered for; carried into tags and labels.</param>
/// <param name="ClusterName">The cluster's name (DNS-1123 and AKS rules).</param>
/// <param name="Profile">The catalog profile the plan came from.</param>
/// <param name="ProfileVersion">Content hash of the profile and everything it composes.</param>
/// <param name="Infrastructure">How the cluster itself is obtained.</param>
/// <param name="Levels">Kubernetes manifests in apply order; bundles inside one level may run in parallel.</param>
/// <param name="OnFailure">What a failed build does with the partial cluster.</param>
/// <param name="Requesters">Roles or groups allowed to request this profile; empty means any authenticated caller.</param>
/// <param name="Approval">Set when a person must approve the build before anything is created.</param>
/// <param name="Ttl">How long the cluster lives once Ready before it is deleted; null when it lives until deleted.</param>
/// <param name="Reconcile">How the Ready cluster is kept as planned; null when nothing checks it after its build.</param>
/// <param name="CatalogRevision">The catalog repository's commit the plan was rendered from; null for a folder catalog.</param>
public sealed record ClusterPlan(
    string RequestId,
    string ClusterName,
    string Profile,
    string ProfileVersion,
    InfrastructurePlan Infrastructure,
    IReadOnlyList<ManifestLevel> Levels,
    FailurePolicy OnFailure,
    IReadOnlyList<string>? Requesters = null,
    ApprovalPolicy? Approval = null,
    TimeSpan? Ttl = null,
    ReconcilePolicy? Reconcile = null,
    string? CatalogRevision = null);
