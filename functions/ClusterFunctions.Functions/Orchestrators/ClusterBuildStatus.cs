using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// The custom status of a build or delete, updated as each step moves, so callers see progress live.
/// <paramref name="Finished"/> is set before the completion event is published, so anyone reacting
/// to the event already finds the operation finished.
/// </summary>
public sealed record ClusterBuildStatus(
    string Operation,
    string ClusterName,
    string RequestId,
    string Profile,
    string? ProfileVersion,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyDictionary<string, string> Endpoints,
    FailureRecord? Failure,
    bool Finished = false,
    string? ApprovedBy = null,
    IReadOnlyList<EmittedEvent>? Events = null,
    string? CatalogRevision = null);
