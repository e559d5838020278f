using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// Signs the approval decisions the approval routes raise, so the build can tell them from an "approval" event
/// raised any other way (the Durable management API's raiseEvent, with the system key, takes any payload and any
/// approver name). The key is random, made once and kept in the ledger container, so every instance of the app
/// shares it and no setting has to carry it.
/// </summary>
public sealed class ApprovalSigner(LedgerContainer ledger)
{
    private const string KeyBlob = "keys/approval-signing";
    private byte[]? _key;

    public async Task<ApprovalDecision> SignAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default) =>
        decision with { Signature = Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Canonical(instanceId, decision))) };

    /// <summary>True when <paramref name="decision"/> was signed by <see cref="SignAsync"/> for this build.</summary>
    public async Task<bool> VerifyAsync(string instanceId, ApprovalDecision decision, CancellationToken cancellationToken = default)
    {
        if (decision.Signature is not { Length: 64 } signature || !IsHex(signature))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(await KeyAsync(cancellationToken), Canonical(instanceId, decision));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signature));
    }

    // Every field the build acts on, with the instance, so a decision cannot be replayed onto another build.
    private static byte[] Canonical(string instanceId, ApprovalDecision decision) =>
        Encoding.UTF8.GetBytes(string.Join('\n', instanceId, decision.Approved ? "approved" : "denied", decision.By, decision.Comment ?? ""));

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigit);

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
