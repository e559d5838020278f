using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>The answer a trigger turns into an HTTP status or a message settlement.</summary>
public sealed record ScheduleResult(ScheduleOutcome Outcome, string? InstanceId, IReadOnlyList<CatalogProblem> Problems, string? Message = null);
