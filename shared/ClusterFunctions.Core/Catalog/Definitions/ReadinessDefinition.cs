namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>What must be ready for a bundle to count as installed, as "Kind/name" references, and the deadline.</summary>
public sealed record ReadinessDefinition(int TimeoutSeconds, IReadOnlyList<string> Workloads);
