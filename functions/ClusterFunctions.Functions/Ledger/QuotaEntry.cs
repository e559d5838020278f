namespace ClusterFunctions.Functions.Ledger;

/// <summary>One build holding quota: which instance, for whom, since when.</summary>
public sealed record QuotaEntry(string InstanceId, string Requester, DateTimeOffset ReservedAt);
