using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Status;

/// <summary>
/// What <c>GET /api/clusters/{name}</c> shows: the cluster's state and every step with its timings and errors; the
/// profile version it runs (its last upgrade's, or its build's), and the version an upgrade is applying now.
/// </summary>
public sealed record ClusterStatusView(
    string Name,
    string State,
    string? RequestId,
    string? RequestedBy,
    string? Profile,
    string? ProfileVersion,
    string Operation,
    string InstanceId,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyDictionary<string, string> Endpoints,
    FailureRecord? Failure,
    string? ApprovedBy = null,
    IReadOnlyList<Orchestrators.EmittedEvent>? Events = null,
    DateTimeOffset? ExpiresAt = null,
    string? UpgradingTo = null,
    string? CatalogRevision = null)
{
    /// <summary>What differs from the plan when reconcile last found the cluster Drifted, Unreachable or Missing.</summary>
    public IReadOnlyList<string>? Drift { get; init; }

    /// <summary>When reconcile last checked the cluster; null when its profile does not reconcile.</summary>
    public DateTimeOffset? ReconciledAt { get; init; }
}
