using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>The custom status of a build or delete, updated as each step moves, so callers see progress live.</summary>
public sealed record ClusterBuildStatus(
    string Operation,
    string ClusterName,
    string RequestId,
    string Profile,
    string? ProfileVersion,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyDictionary<string, string> Endpoints,
    FailureRecord? Failure);
