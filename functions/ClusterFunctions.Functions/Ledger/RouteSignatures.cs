using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// Signs what the app's routes hand the Durable engine (a build's input, an approval decision) so that the
/// orchestrations can tell it from the same thing handed in any other way: the Durable management API, open to the
/// system key, starts any orchestration with any input and raises any event with any payload, past requesters,
/// approvers and quotas. The HMAC key is random, made once and kept in the ledger container, so every instance of
/// the app shares it and no setting has to carry it.
/// </summary>
public sealed class RouteSignatures(LedgerContainer ledger)
{
    private const string KeyBlob = "keys/route-signing";
    private byte[]? _key;

    /// <summary>What a build's start covers: which kind of build, its instance, and the whole request.</summary>
    public static string[] Start(string kind, string instanceId, ClusterRequest request) =>
        [kind, instanceId, CanonicalJson.Serialize(JsonSerializer.SerializeToNode(request, JsonSerializerOptions.Web))];

    /// <summary>What an approval covers: the build, the decision, the approver and the comment.</summary>
    public static string[] Approval(string instanceId, ApprovalDecision decision) =>
        ["approval", instanceId, decision.Approved ? "approved" : "denied", decision.By, decision.Comment ?? ""];

    /// <summary>
    /// What an expiry covers: the lease, the build it belongs to and the time it deletes the cluster. Both the lease's
    /// start and every extension carry one, so neither a lease started nor an extension raised past the routes counts.
    /// </summary>
    public static string[] Expiry(string instanceId, string requestId, DateTimeOffset expiresAt) =>
        ["expiry", instanceId, requestId, expiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>What a reconcile loop covers: the loop and the build it keeps, so a loop started past the app does nothing.</summary>
    public static string[] Reconcile(string instanceId, string requestId) => ["reconcile", instanceId, requestId];

    /// <summary>
    /// What an upgrade covers: its instance, the profile and version, how it runs and who asked. Each cluster's part
    /// carries the same signature, so neither an upgrade nor a cluster's part started past the route changes anything.
    /// </summary>
    public static string[] Upgrade(string instanceId, string profile, string version, int waveSize, bool dryRun, string requestedBy) =>
        ["upgrade", instanceId, profile, version, waveSize.ToString(System.Globalization.CultureInfo.InvariantCulture), dryRun ? "dry-run" : "apply", requestedBy];

    public async Task<string> SignAsync(string[] parts, CancellationToken cancellationToken = default) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Canonical(parts)));

    /// <summary>True when <paramref name="signature"/> is this app's signature of <paramref name="parts"/>.</summary>
    public async Task<bool> VerifyAsync(string? signature, string[] parts, CancellationToken cancellationToken = default)
    {
        if (signature is not { Length: 64 } || !signature.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(await KeyAsync(cancellationToken), Canonical(parts));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature));
    }

    // Length-prefixed, so no two lists of parts encode alike.
    private static byte[] Canonical(string[] parts) =>
        Encoding.UTF8.GetBytes(string.Concat(parts.Select(p => $"{p.Length}:{p}\n")));

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _key) is { } known)
        {
            return known;
        }

        var blob = await ledger.BlobAsync(KeyBlob, cancellationToken);
        try
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            await blob.UploadAsync(BinaryData.FromBytes(fresh), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance made it first: use that one.
        }

        var key = (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        Volatile.Write(ref _key, key);
        return key;
    }
}
