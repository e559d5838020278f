using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace ClusterFunctions.Bench.Reconcile;

/// <summary>
/// Proves the proxy counts before it is trusted: a known set of requests from the Storage SDKs through it (a body larger
/// than one read included) must count exactly, per service.
/// </summary>
internal static class StorageProxyCheck
{
    public static async Task RunAsync(StorageProxy proxy)
    {
        StorageTransactions before = proxy.Read();
        var container = new BlobContainerClient(proxy.ConnectionString, "proxy-check");
        await container.CreateAsync();
        BlobClient blob = container.GetBlobClient("body");
        await blob.UploadAsync(BinaryData.FromBytes(new byte[300_000]));
        if ((await blob.DownloadContentAsync()).Value.Content.ToMemory().Length != 300_000)
        {
            throw new InvalidOperationException("the storage proxy changed a blob on its way");
        }

        var queue = new QueueClient(proxy.ConnectionString, "proxy-check");
        await queue.CreateAsync();
        await queue.SendMessageAsync("counted");
        await queue.ReceiveMessagesAsync();
        var table = new TableClient(proxy.ConnectionString, "proxycheck");
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        StorageTransactions counted = proxy.Read() - before;
        var expected = new StorageTransactions(Blob: 3, Queue: 3, Table: 2);
        if (counted != expected)
        {
            throw new InvalidOperationException($"the storage proxy counted {counted}, not the {expected} requests sent through it");
        }
    }
}
