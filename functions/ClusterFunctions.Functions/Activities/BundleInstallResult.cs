using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>What applying a bundle did, and its gate's check right after (null for a bundle with no gate, and in a result the
/// previous version recorded: its apply activity did not check).</summary>
public sealed record BundleInstallResult(BundleApplyResult Applied, GateCheckResult? Gate);
