namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>Where one cluster of an upgrade stands: Pending, Upgrading, Upgraded, Failed or NotAttempted (a wave before it failed).</summary>
public sealed record ClusterUpgradeProgress(string Name, int Wave, string State, string? Error = null);
