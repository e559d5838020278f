using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>A profile's content version in the catalog in force, and what a new version does to clusters already built from it.</summary>
public sealed record ProfileVersionInForce(string Version, RolloutMode Rollout);
