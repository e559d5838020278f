using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// The blob container where the app keeps what must hold across every instance of it: which cluster a requestId
/// belongs to and which builds hold quota. It lives in the task hub's own account (<c>AzureWebJobsStorage</c>),
/// read in both forms Functions accepts: a connection string, or <c>__blobServiceUri</c> / <c>__accountName</c>
/// with a managed identity (<c>__clientId</c> for a user-assigned one).
/// </summary>
public sealed class LedgerContainer(BlobContainerClient container)
{
    public const string Name = "clusterfunctions-ledger";
    private const string Setting = "AzureWebJobsStorage";
    private int _created;

    public static LedgerContainer FromConfiguration(IConfiguration configuration)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        if (configuration[Setting] is { Length: > 0 } connectionString)
        {
            return new LedgerContainer(new BlobServiceClient(connectionString, options).GetBlobContainerClient(Name));
        }

        var section = configuration.GetSection(Setting);
        var endpoint = section["blobServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.blob.core.windows.net")
            : throw new InvalidOperationException($"{Setting}: set a connection string, or {Setting}__blobServiceUri or {Setting}__accountName with a managed identity");
        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new LedgerContainer(new BlobServiceClient(endpoint, credential, options).GetBlobContainerClient(Name));
    }

    /// <summary>A blob in the container, which is created on first use.</summary>
    public async Task<BlobClient> BlobAsync(string name, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            Volatile.Write(ref _created, 1);
        }

        return container.GetBlobClient(name);
    }

    /// <summary>The names of the blobs under <paramref name="prefix"/>, without it.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string prefix, CancellationToken cancellationToken)
    {
        await BlobAsync(prefix, cancellationToken);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            names.Add(item.Name[prefix.Length..]);
        }

        return names;
    }
}
