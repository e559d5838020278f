namespace ClusterFunctions.Bench.Reconcile;

/// <summary>Azure Storage requests (billed as transactions) by service; two readings subtract to the ones in between.</summary>
internal sealed record StorageTransactions(long Blob, long Queue, long Table)
{
    public long Total => Blob + Queue + Table;

    public static StorageTransactions operator -(StorageTransactions after, StorageTransactions before) =>
        new(after.Blob - before.Blob, after.Queue - before.Queue, after.Table - before.Table);
}
