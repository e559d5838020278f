using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Ledger;

/// <summary>
/// The running-build quotas (per requester and in total), held atomically across every instance of the app. The
/// reservations are one blob, changed only by a conditional write on its ETag, so two creates cannot both take the
/// last slot: counting running builds and then starting one let 6 of a limit of 5 run at once. A reservation ends
/// when its build stops running; the ledger drops such entries when it looks full, asking the Durable client which
/// builds still run, so a build that finished, failed or was terminated gives its slot back without a release step.
/// </summary>
public sealed class BuildQuota(LedgerContainer ledger, IOptions<LimitsOptions> limits, TimeProvider time)
{
    private const string BlobName = "quota/running.json";
    private const int Attempts = 50;

    // A reservation younger than this counts even if the Durable client does not list its build yet: it is written
    // before the build is scheduled.
    private static readonly TimeSpan SchedulingGrace = TimeSpan.FromMinutes(2);

    // Creates on one instance take turns, so conditional writes conflict only between instances.
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Reserves a slot for <paramref name="instanceId"/>; returns why not when a limit is reached.</summary>
    /// <param name="runningBuilds">The instance ids of builds that still run, asked only when the ledger looks full.</param>
    public async Task<string?> TryReserveAsync(string instanceId, string requester,
        Func<CancellationToken, Task<IReadOnlySet<string>>> runningBuilds, CancellationToken cancellationToken = default)
    {
        var blob = await ledger.BlobAsync(BlobName, cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var (entries, etag) = await ReadAsync(blob, cancellationToken);
                entries.RemoveAll(e => e.InstanceId == instanceId);
                if (Refusal(entries, requester) is not null)
                {
                    var running = await runningBuilds(cancellationToken);
                    var recent = time.GetUtcNow() - SchedulingGrace;
                    entries.RemoveAll(e => !running.Contains(e.InstanceId) && e.ReservedAt < recent);
                    if (Refusal(entries, requester) is { } refusal)
                    {
                        return refusal;
                    }
                }

                entries.Add(new QuotaEntry(instanceId, requester, time.GetUtcNow()));
                if (await TryWriteAsync(blob, entries, etag, cancellationToken))
                {
                    return null;
                }

                // Another instance wrote first: read its version and decide again, after a short random pause.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), cancellationToken);
            }

            throw new InvalidOperationException($"the quota ledger stayed contended through {Attempts} attempts; try again");
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Gives back a reservation whose build was never scheduled.</summary>
    public async Task ReleaseAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var blob = await ledger.BlobAsync(BlobName, cancellationToken);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var (entries, etag) = await ReadAsync(blob, cancellationToken);
                if (entries.RemoveAll(e => e.InstanceId == instanceId) == 0 || await TryWriteAsync(blob, entries, etag, cancellationToken))
                {
                    return;
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private string? Refusal(List<QuotaEntry> entries, string requester)
    {
        var limit = limits.Value;
        if (entries.Count >= limit.MaxConcurrentBuilds)
        {
            return $"{entries.Count} builds are running; the limit is {limit.MaxConcurrentBuilds}";
        }

        var mine = entries.Count(e => e.Requester == requester);
        return mine >= limit.MaxConcurrentBuildsPerRequester
            ? $"'{requester}' has {mine} builds running; the limit per requester is {limit.MaxConcurrentBuildsPerRequester}"
            : null;
    }

    private static async Task<(List<QuotaEntry> Entries, ETag? ETag)> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return (content.Value.Content.ToObjectFromJson<List<QuotaEntry>>(JsonSerializerOptions.Web) ?? [], content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ([], null);
        }
    }

    /// <summary>Writes the entries if nobody changed the blob since it was read (or created it, when there was none).</summary>
    private static async Task<bool> TryWriteAsync(BlobClient blob, List<QuotaEntry> entries, ETag? etag, CancellationToken cancellationToken)
    {
        var conditions = etag is { } read ? new BlobRequestConditions { IfMatch = read } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(entries, JsonSerializerOptions.Web), new BlobUploadOptions { Conditions = conditions }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}
