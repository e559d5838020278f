namespace ClusterFunctions.Core.Plans;

/// <summary>One step of the apply order. Bundles in the same level do not depend on each other.</summary>
/// <param name="Order">Zero-based position in the apply order.</param>
/// <param name="Stage">Which part of the build this level belongs to.</param>
/// <param name="Bundles">The bundles applied (in parallel) in this level.</param>
public sealed record ManifestLevel(int Order, PlanStage Stage, IReadOnlyList<BundlePlan> Bundles);
