using System.Diagnostics;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Status;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Functions.Telemetry;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// The one path from a request to a build, shared by the HTTP and queue triggers: validate, derive the
/// instance id from the cluster name, and start at most one build per name. The same request again
/// (redelivery, a repeated POST) finds its build; another request for a taken name is refused.
/// </summary>
public sealed class ClusterBuildScheduler(DurableTaskClient client, CatalogSource catalog, IOptions<BuildOptions> options, RequestClaims claims, BuildQuota quota, RouteSignatures signatures, ClusterAccess access, TerminatedBuildsAnnouncer announcer, KnownTraceParents traceParents)
{
    public static string CreateInstanceId(string clusterName) => $"cluster-{clusterName}";

    public static string DeleteInstanceId(string clusterName) => $"delete-{clusterName}";

    public static string ExpiryInstanceId(string clusterName) => $"expiry-{clusterName}";

    public static string ReconcileInstanceId(string clusterName) => $"reconcile-{clusterName}";

    public async Task<ScheduleResult> CreateAsync(ClusterRequest request, Caller caller, CancellationToken cancellationToken = default)
    {
        // Rendering here (not only in the build) refuses a request the plan would reject before anything starts.
        var loaded = catalog.Load();
        var rendered = loaded.Problems.Count > 0 ? new PlanResult(null, loaded.Problems) : ClusterPlanRenderer.Render(loaded.Catalog, request);
        if (rendered.Plan is not { } plan)
        {
            return new ScheduleResult(ScheduleOutcome.Invalid, null, rendered.Problems);
        }

        if (plan.Requesters is { Count: > 0 } allowed && !allowed.Intersect(caller.Roles, StringComparer.Ordinal).Any())
        {
            return new ScheduleResult(ScheduleOutcome.Forbidden, null, [], $"'{caller.Name}' may not request profile '{plan.Profile}' (allowed: {string.Join(", ", allowed)})");
        }

        request = request with { RequestedBy = caller.Name };
        var (claim, owner) = await claims.ClaimAsync(request.RequestId, request.ClusterName, cancellationToken);
        if (claim == RequestClaim.Taken)
        {
            return new ScheduleResult(ScheduleOutcome.RequestIdTaken, null, [], $"requestId '{request.RequestId}' belongs to cluster '{owner}'; use a new requestId for another cluster");
        }

        ScheduleResult? result = null;
        try
        {
            result = await StartAsync(request, plan.Profile, caller, cancellationToken);
            return result;
        }
        finally
        {
            if (claim == RequestClaim.Created && result?.Outcome is not (ScheduleOutcome.Started or ScheduleOutcome.AlreadyExists))
            {
                // Nothing started under this id (refused, or the start failed): a later request may use it for any cluster.
                await claims.ReleaseAsync(request.RequestId, request.ClusterName, CancellationToken.None);
            }
        }
    }

    private async Task<ScheduleResult> StartAsync(ClusterRequest request, string profile, Caller caller, CancellationToken cancellationToken)
    {
        var instanceId = CreateInstanceId(request.ClusterName);
        // Before the build exists, so no build runs without something to announce it if it is terminated.
        await announcer.EnsureRunningAsync(cancellationToken);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (existing is not null)
            {
                var owner = existing.ReadInputAs<CreateClusterInput>()?.Request.RequestId;
                if (owner == request.RequestId)
                {
                    return new ScheduleResult(ScheduleOutcome.AlreadyExists, instanceId, []);
                }

                // A failed or terminated build, or a deleted cluster, frees its name for a new request.
                var deleted = await client.GetInstanceAsync(DeleteInstanceId(request.ClusterName), getInputsAndOutputs: false, cancellationToken);
                var free = existing.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated
                    || (deleted?.RuntimeStatus == OrchestrationRuntimeStatus.Completed && deleted.CreatedAt >= existing.CreatedAt);
                if (!free)
                {
                    return new ScheduleResult(ScheduleOutcome.NameTaken, instanceId, [], $"cluster name '{request.ClusterName}' is taken by request '{owner}'");
                }

                if (TerminatedBuilds.EndedAbruptly(existing))
                {
                    // The new build replaces the ended one under the same id, where the announcer could no longer find it.
                    await announcer.AnnounceBeforeReplacingAsync(existing, cancellationToken);
                }
            }

            // The quota is taken before the build is scheduled and atomically across instances (see BuildQuota).
            if (await quota.TryReserveAsync(instanceId, caller.Name, new DurableRunningBuilds(client), cancellationToken) is { } refusal)
            {
                return new ScheduleResult(ScheduleOutcome.OverQuota, null, [], refusal);
            }

            try
            {
                var input = new CreateClusterInput(request, Timings(), Activity.Current?.Id,
                    await signatures.SignAsync(RouteSignatures.Start("create", instanceId, request), cancellationToken));
                // A fresh name must not overwrite a build that completes meanwhile; a freed name may be reused.
                // (The Durable extension's own rule, overridableExistingInstanceStates NonRunningStates, refuses a running
                // instance whatever these say; they hold on backends that honour dedupe statuses.)
                OrchestrationRuntimeStatus[] dedupe = existing is null
                    ? [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed]
                    : [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];
                var start = new StartOrchestrationOptions(instanceId) { DedupeStatuses = dedupe.Select(s => s.ToString()).ToList() };
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(CreateCompleteClusterOrchestrator), input, start, cancellationToken);
                traceParents.Remember(instanceId, input.TraceParent);
                ClusterTelemetry.BuildsStarted.Add(1, new KeyValuePair<string, object?>("profile", profile));
                return new ScheduleResult(ScheduleOutcome.Started, instanceId, []);
            }
            catch (Exception e) when (InstanceConflicts.AlreadyExists(e))
            {
                // Another trigger won the race for this name; look again to tell "same request" from "taken".
                await quota.ReleaseAsync(instanceId, CancellationToken.None);
            }
            catch
            {
                await quota.ReleaseAsync(instanceId, CancellationToken.None);
                throw;
            }
        }

        return new ScheduleResult(ScheduleOutcome.NameTaken, instanceId, [], $"cluster name '{request.ClusterName}' is being claimed by another request");
    }

    public async Task<ScheduleResult> DeleteAsync(string clusterName, Caller caller, CancellationToken cancellationToken = default)
    {
        var created = await client.GetInstanceAsync(CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (created?.ReadInputAs<CreateClusterInput>() is not { } input)
        {
            return new ScheduleResult(ScheduleOutcome.NotFound, null, [new CatalogProblem("request", "clusterName", $"no cluster named '{clusterName}'")]);
        }

        if (access.Refusal(input.Request, caller, "delete") is { } refusal)
        {
            return new ScheduleResult(ScheduleOutcome.Forbidden, created.InstanceId, [], refusal);
        }

        // A build that announced its outcome is done for this purpose, even before its last checkpoint.
        if (created.IsRunning && created.ReadCustomStatusAs<ClusterBuildStatus>()?.Finished != true)
        {
            return new ScheduleResult(ScheduleOutcome.NameTaken, created.InstanceId, [], $"cluster '{clusterName}' is still being built; wait for it or terminate the build first");
        }

        var result = await StartDeleteAsync(input.Request, null, cancellationToken);
        // Deleted by hand before it expired: its lease has nothing left to do.
        var lease = await client.GetInstanceAsync(ExpiryInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (lease is { IsRunning: true } && lease.ReadInputAs<ExpiryLease>()?.RequestId == input.Request.RequestId)
        {
            await client.TerminateInstanceAsync(lease.InstanceId, $"cluster deleted by {caller.Name} before it expired", cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// Deletes a cluster whose ttl ran out, through the same delete as <see cref="DeleteAsync"/> but on the platform's
    /// authority. Only the build the lease belongs to: a cluster deleted since, or replaced by a new build of its name,
    /// is left alone.
    /// </summary>
    public async Task<ScheduleResult> ExpireAsync(string clusterName, string requestId, CancellationToken cancellationToken = default)
    {
        var created = await client.GetInstanceAsync(CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (created?.ReadInputAs<CreateClusterInput>() is not { } input || input.Request.RequestId != requestId)
        {
            return new ScheduleResult(ScheduleOutcome.NotFound, null, [new CatalogProblem("request", "clusterName", $"cluster '{clusterName}' of request '{requestId}' no longer exists")]);
        }

        var deleted = await client.GetInstanceAsync(DeleteInstanceId(clusterName), getInputsAndOutputs: false, cancellationToken);
        return deleted is not null && deleted.CreatedAt >= created.CreatedAt
            ? new ScheduleResult(ScheduleOutcome.AlreadyExists, deleted.InstanceId, [])
            : await StartDeleteAsync(input.Request, "expired", cancellationToken);
    }

    private async Task<ScheduleResult> StartDeleteAsync(ClusterRequest request, string? reason, CancellationToken cancellationToken)
    {
        var instanceId = DeleteInstanceId(request.ClusterName);
        try
        {
            var start = new StartOrchestrationOptions(instanceId) { DedupeStatuses = ["Pending", "Running", "Suspended"] };
            var signature = await signatures.SignAsync(RouteSignatures.Start("delete", instanceId, request), cancellationToken);
            var input = new DeleteClusterInput(request, Timings(), Activity.Current?.Id, signature, reason);
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(DeleteCompleteClusterOrchestrator), input, start, cancellationToken);
            traceParents.Remember(instanceId, input.TraceParent);
            return new ScheduleResult(ScheduleOutcome.Started, instanceId, []);
        }
        catch (Exception e) when (InstanceConflicts.AlreadyExists(e))
        {
            return new ScheduleResult(ScheduleOutcome.AlreadyExists, instanceId, []);
        }
    }

    private BuildTimings Timings() => new(options.Value.InfrastructurePollInterval, options.Value.GatePollInterval, options.Value.InfrastructureTimeout);
}
