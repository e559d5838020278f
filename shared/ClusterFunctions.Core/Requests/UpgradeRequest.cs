namespace ClusterFunctions.Core.Requests;

/// <summary>
/// An upgrade of a profile's clusters to its current version: <c>{"waveSize": 2, "dryRun": true}</c>.
/// </summary>
/// <param name="WaveSize">How many clusters are upgraded at once (1-100); the next wave starts when all of them succeeded.</param>
/// <param name="DryRun">Only compute each cluster's diff; change nothing.</param>
public sealed record UpgradeRequest(int WaveSize = 1, bool DryRun = false);
