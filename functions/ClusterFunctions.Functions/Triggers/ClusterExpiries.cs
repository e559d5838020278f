using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// The one path for a cluster's expiry: its lease's start, warning and extensions. The lease (one instance per name,
/// <see cref="ClusterBuildScheduler.ExpiryInstanceId"/>) belongs to one build; whatever it does first checks that the
/// build is still the cluster of that name and not deleted, so a lease never touches a later cluster of the same name.
/// </summary>
public sealed class ClusterExpiries(DurableTaskClient client, RouteSignatures signatures, ClusterAccess access, IEventPublisher publisher, TimeProvider time, IOptions<BuildOptions> options)
{
    private const int MaxExtendAttempts = 5;
    private static readonly TimeSpan ConfirmWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConfirmPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Starts the lease of a Ready build, replacing a lease left by an earlier cluster of the name.</summary>
    public async Task StartAsync(StartExpiryRequest request, CancellationToken cancellationToken = default)
    {
        var instanceId = ClusterBuildScheduler.ExpiryInstanceId(request.ClusterName);
        await PerClusterLoops.StartAsync<ExpiryLease>(client, nameof(ExpireClusterOrchestrator), instanceId, request.RequestId, lease => lease.RequestId, async () =>
        {
            var signature = await signatures.SignAsync(RouteSignatures.Expiry(instanceId, request.RequestId, request.ExpiresAt), cancellationToken);
            return new ExpiryLease(request.ClusterName, request.RequestId, request.ExpiresAt, ExpiryLease.WarningFor(request.Ttl, options.Value.ExpiryWarning), signature);
        }, cancellationToken);
    }

    /// <summary>Publishes the expiring event; false (and nothing published) when the lease's cluster is gone.</summary>
    public async Task<bool> WarnAsync(ExpiryLease lease, CancellationToken cancellationToken = default)
    {
        if (await LiveBuildAsync(lease.ClusterName, lease.RequestId, cancellationToken) is not { } build)
        {
            return false;
        }

        var data = new ClusterEventData(lease.RequestId, lease.ClusterName, build.Input.Request.Profile, build.Status?.ProfileVersion ?? "", [], build.Status?.Endpoints ?? new Dictionary<string, string>(), null)
        {
            ExpiresAt = lease.ExpiresAt,
            Extend = $"./cluster extend {lease.ClusterName} 4h, or POST /api/clusters/{lease.ClusterName}/extend {{\"by\": \"4h\"}}",
        };
        await publisher.PublishAsync(ClusterEventTypes.Expiring, data, cancellationToken);
        return true;
    }

    /// <summary>Pushes a cluster's expiry back by <paramref name="by"/>: the requester's or a profile requester's call, as for delete.</summary>
    public async Task<(ExtendOutcome Outcome, string Message, DateTimeOffset? ExpiresAt)> ExtendAsync(string clusterName, TimeSpan by, Caller caller, CancellationToken cancellationToken = default)
    {
        var created = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (created?.ReadInputAs<CreateClusterInput>() is not { } input)
        {
            return (ExtendOutcome.NotFound, $"no cluster named '{(clusterName.Length > 64 ? clusterName[..64] : clusterName)}'", null);
        }

        if (access.Refusal(input.Request, caller, "extend") is { } refusal)
        {
            return (ExtendOutcome.Forbidden, refusal, null);
        }

        // Extensions race: each is computed from the expiry in force and taken only while it still is, so the loser
        // of two at once asks again from the winner's expiry and both count. Answered once the lease has taken it.
        var instanceId = ClusterBuildScheduler.ExpiryInstanceId(clusterName);
        var id = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < MaxExtendAttempts; attempt++)
        {
            if (await RunningLeaseAsync(instanceId, input.Request.RequestId, cancellationToken) is not { } lease
                || await LiveBuildAsync(clusterName, lease.RequestId, cancellationToken) is null)
            {
                return (ExtendOutcome.NoExpiry, $"cluster '{clusterName}' has no expiry to extend: it has no ttl, is not Ready yet, or is being deleted", null);
            }

            var expiresAt = lease.ExpiresAt + by;
            if (expiresAt - time.GetUtcNow() > Ttl.Max)
            {
                return (ExtendOutcome.TooLong, $"cluster '{clusterName}' would then expire more than {Ttl.Format(Ttl.Max)} from now", null);
            }

            var signature = await signatures.SignAsync(RouteSignatures.Expiry(instanceId, lease.RequestId, expiresAt), cancellationToken);
            await client.RaiseEventAsync(instanceId, ExpiryExtension.EventName, new ExpiryExtension(lease.ExpiresAt, expiresAt, caller.Name, id, signature), cancellationToken);
            var taken = await TakenAsync(instanceId, lease, id, cancellationToken);
            if (taken?.LastExtension == id)
            {
                return (ExtendOutcome.Extended, $"extended by {Ttl.Format(by)} by {caller.Name}", taken.ExpiresAt);
            }

            if (taken is null)
            {
                return (ExtendOutcome.Pending, $"asked to extend by {Ttl.Format(by)}; the lease has not taken it within {ConfirmWait.TotalSeconds:0} s: see expiresAt in GET /api/clusters/{clusterName}", expiresAt);
            }
        }

        return (ExtendOutcome.Pending, $"other extensions of '{clusterName}' kept moving its expiry; try again", null);
    }

    /// <summary>The lease once it moved on from <paramref name="before"/> (its expiry or its last extension changed), or null if it did not in time.</summary>
    private async Task<ExpiryLease?> TakenAsync(string instanceId, ExpiryLease before, string id, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + ConfirmWait;
        while (time.GetUtcNow() < deadline)
        {
            if (await RunningLeaseAsync(instanceId, before.RequestId, cancellationToken) is { } now && (now.ExpiresAt != before.ExpiresAt || now.LastExtension == id))
            {
                return now;
            }

            await Task.Delay(ConfirmPoll, time, cancellationToken);
        }

        return null;
    }

    private async Task<ExpiryLease?> RunningLeaseAsync(string instanceId, string requestId, CancellationToken cancellationToken)
    {
        // Pending: the lease between two executions (it continues as new on each extension).
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
            && instance.ReadInputAs<ExpiryLease>() is { } lease && lease.RequestId == requestId ? lease : null;
    }

    /// <summary>When the cluster of this name expires, or null when it has no running lease (one between two executions,
    /// after an extension, still counts, as it does for the extend route).</summary>
    public async Task<DateTimeOffset?> ExpiresAtAsync(string clusterName, string? requestId, CancellationToken cancellationToken = default)
    {
        return requestId is null ? null : (await RunningLeaseAsync(ClusterBuildScheduler.ExpiryInstanceId(clusterName), requestId, cancellationToken))?.ExpiresAt;
    }

    /// <summary>The build of this request while it is the cluster of its name, Ready and not deleted or being deleted.</summary>
    private async Task<(CreateClusterInput Input, ClusterBuildStatus? Status)?> LiveBuildAsync(string clusterName, string requestId, CancellationToken cancellationToken)
    {
        var created = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (created?.ReadInputAs<CreateClusterInput>() is not { } input || input.Request.RequestId != requestId)
        {
            return null;
        }

        var deleted = await client.GetInstanceAsync(ClusterBuildScheduler.DeleteInstanceId(clusterName), getInputsAndOutputs: false, cancellationToken);
        return deleted is not null && deleted.CreatedAt >= created.CreatedAt ? null : (input, created.ReadCustomStatusAs<ClusterBuildStatus>());
    }
}
