using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Functions.Activities;

/// <summary>The catalog or request cannot be rendered into a plan; the message lists every problem.</summary>
public sealed class PlanRejectedException(IReadOnlyList<CatalogProblem> problems)
    : Exception(string.Join("; ", problems.Select(p => p.ToString())));
