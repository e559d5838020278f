using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// The <see cref="ClusterRecord"/> of every Ready cluster, one blob per cluster name in the ledger container, so every
/// instance of the app (reconcile, upgrades, status) reads the same one. A record belongs to one request: writing or
/// forgetting it for another request of the same name is refused, so a late activity of an old build never
/// overwrites or removes the record of the cluster that now has its name.
/// </summary>
public sealed class ClusterRecords(LedgerContainer ledger)
{
    private const string Folder = "clusters/";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the record; false when the name's record belongs to another request (which stays).</summary>
    public async Task<bool> WriteAsync(ClusterRecord record, CancellationToken cancellationToken = default)
    {
        var blob = await ledger.BlobAsync(BlobName(record.ClusterName), cancellationToken);
        var (current, etag) = await ReadWithETagAsync(record.ClusterName, cancellationToken);
        if (current is not null && current.RequestId != record.RequestId)
        {
            return false;
        }

        var conditions = current is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = etag };
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(record, Json), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Written meanwhile: by this request (a retried activity; try again on the new version) or by another.
            return await WriteAsync(record, cancellationToken);
        }
    }

    public async Task<ClusterRecord?> ReadAsync(string clusterName, CancellationToken cancellationToken = default) =>
        (await ReadWithETagAsync(clusterName, cancellationToken)).Record;

    /// <summary>Every record, in name order; those of <paramref name="profile"/> only when it is given.</summary>
    public async Task<IReadOnlyList<ClusterRecord>> ListAsync(string? profile = null, CancellationToken cancellationToken = default)
    {
        var records = new List<ClusterRecord>();
        foreach (var name in await ledger.NamesAsync(Folder, cancellationToken))
        {
            if (await ReadAsync(name, cancellationToken) is { } record && (profile is null || record.Plan.Profile == profile))
            {
                records.Add(record);
            }
        }

        return records.OrderBy(r => r.ClusterName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Removes the record when it is this request's (the cluster was deleted); another request's stays.</summary>
    public async Task ForgetAsync(string clusterName, string requestId, CancellationToken cancellationToken = default)
    {
        var (current, etag) = await ReadWithETagAsync(clusterName, cancellationToken);
        if (current?.RequestId != requestId)
        {
            return;
        }

        try
        {
            var blob = await ledger.BlobAsync(BlobName(clusterName), cancellationToken);
            await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or rewritten meanwhile (by a new build of the name): not this request's to remove.
        }
    }

    private async Task<(ClusterRecord? Record, ETag ETag)> ReadWithETagAsync(string clusterName, CancellationToken cancellationToken)
    {
        var blob = await ledger.BlobAsync(BlobName(clusterName), cancellationToken);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson<ClusterRecord>(Json), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, default);
        }
    }

    // Cluster names are DNS labels (NameRules), safe as blob names as they are.
    private static string BlobName(string clusterName) => Folder + clusterName;
}
