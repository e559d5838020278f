using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Status;

/// <summary>What <c>GET /api/clusters/{name}</c> shows: the cluster's state and every step with its timings and errors.</summary>
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
    string? CatalogRevision = null);
