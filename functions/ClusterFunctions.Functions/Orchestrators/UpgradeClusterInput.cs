namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// One cluster's part of an upgrade: the signed upgrade it belongs to and which cluster. It carries no plan: the
/// cluster's own orchestration renders it from the ledger's record and the catalog, once the signature checks out.
/// </summary>
public sealed record UpgradeClusterInput(string UpgradeInstanceId, UpgradeProfileInput Upgrade, string ClusterName, string? TraceParent);
