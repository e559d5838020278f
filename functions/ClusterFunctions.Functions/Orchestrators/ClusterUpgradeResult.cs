namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What one cluster's upgrade came to: upgraded, or failed with the step and cause.</summary>
public sealed record ClusterUpgradeResult(string Name, bool Upgraded, string? Error = null);
