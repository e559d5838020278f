namespace ClusterFunctions.Functions.Activities;

/// <summary>Which of a profile's clusters an upgrade takes (names, in order), and which it leaves out and why.</summary>
public sealed record UpgradePlan(IReadOnlyList<string> Clusters, IReadOnlyList<string> Skipped);
