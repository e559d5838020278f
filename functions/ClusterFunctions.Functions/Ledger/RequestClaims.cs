using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// Binds each requestId to the one cluster it asked for, across every instance of the app: the first request
/// creates a blob named by the id's hash (create-if-absent is atomic in Blob storage), and a request that reuses
/// the id for another cluster finds it. Without this a reused requestId silently built a second cluster.
/// </summary>
public sealed class RequestClaims(LedgerContainer ledger)
{
    /// <summary>Claims <paramref name="requestId"/> for <paramref name="clusterName"/>; with <see cref="RequestClaim.Taken"/>,
    /// the cluster it belongs to.</summary>
    public async Task<(RequestClaim Claim, string Owner)> ClaimAsync(string requestId, string clusterName, CancellationToken cancellationToken = default)
    {
        var blob = await ledger.BlobAsync(BlobName(requestId), cancellationToken);
        try
        {
            var conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
            await blob.UploadAsync(BinaryData.FromString(clusterName), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return (RequestClaim.Created, clusterName);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var owner = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            return (owner == clusterName ? RequestClaim.AlreadyMine : RequestClaim.Taken, owner);
        }
    }

    /// <summary>Gives back an id this request claimed when it started nothing (name taken, over quota).</summary>
    public async Task ReleaseAsync(string requestId, string clusterName, CancellationToken cancellationToken = default)
    {
        var blob = await ledger.BlobAsync(BlobName(requestId), cancellationToken);
        try
        {
            var current = await blob.DownloadContentAsync(cancellationToken);
            if (current.Value.Content.ToString() == clusterName)
            {
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = current.Value.Details.ETag }, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone already, or claimed again meanwhile: nothing of this request's to give back.
        }
    }

    // Hashed: a requestId is the caller's text, and blob names have their own rules.
    private static string BlobName(string requestId) =>
        $"requests/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestId)))}";
}
