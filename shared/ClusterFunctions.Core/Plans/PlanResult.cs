using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Core.Plans;

/// <summary>A rendered plan, or every problem that prevented it (never both).</summary>
public sealed record PlanResult(ClusterPlan? Plan, IReadOnlyList<CatalogProblem> Problems)
{
    public bool Succeeded => Plan is not null;
}
