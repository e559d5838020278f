using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Reconcile;
using ClusterFunctions.Functions.Triggers;

namespace ClusterFunctions.Functions.Status;

/// <summary>
/// Builds the user's view of a cluster from its build and delete orchestrations (their custom status and outcome), and
/// for a Ready cluster its ledger record (the profile version it runs now, which an upgrade moves past its build's)
/// and its reconcile loop's last check (Drifted, Unreachable or Missing instead of Ready).
/// </summary>
public sealed class ClusterStatusReader(DurableTaskClient client, ClusterExpiries expiries, ClusterRecords records, ReconcileLoops reconcile)
{
    public async Task<ClusterStatusView?> ReadAsync(string clusterName, CancellationToken cancellationToken = default)
    {
        var build = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (build is null)
        {
            return null;
        }

        var delete = await client.GetInstanceAsync(ClusterBuildScheduler.DeleteInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        var current = delete is not null && delete.CreatedAt >= build.CreatedAt ? delete : build;
        var view = View(clusterName, current, current == delete ? "delete" : "create");
        if (view.State != "Ready")
        {
            return view;
        }

        var record = await records.ReadAsync(clusterName, cancellationToken);
        var upgraded = record?.RequestId == view.RequestId ? record : null;
        view = view with
        {
            ExpiresAt = await expiries.ExpiresAtAsync(clusterName, view.RequestId, cancellationToken),
            ProfileVersion = upgraded?.Plan.ProfileVersion ?? view.ProfileVersion,
            UpgradingTo = upgraded?.UpgradingTo,
        };
        // A Ready build is only as Ready as reconcile last found it.
        return await reconcile.LastCheckAsync(clusterName, view.RequestId, cancellationToken) is not { } check ? view
            : check.State is "Drifted" or "Unreachable" or "Missing" ? view with { State = check.State, Drift = check.Differences, ReconciledAt = check.CheckedAt }
            : view with { ReconciledAt = check.CheckedAt };
    }

    public async Task<IReadOnlyList<ClusterStatusView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<ClusterStatusView>();
        var query = new OrchestrationQuery { InstanceIdPrefix = ClusterBuildScheduler.CreateInstanceId(""), FetchInputsAndOutputs = true };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            var name = instance.InstanceId[ClusterBuildScheduler.CreateInstanceId("").Length..];
            if (await ReadAsync(name, cancellationToken) is { } view)
            {
                views.Add(view);
            }
        }

        return views.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    private static ClusterStatusView View(string clusterName, OrchestrationMetadata instance, string operation)
    {
        var status = instance.ReadCustomStatusAs<ClusterBuildStatus>();
        var input = operation == "create" ? instance.ReadInputAs<CreateClusterInput>()?.Request : instance.ReadInputAs<DeleteClusterInput>()?.Request;
        // A recorded failure is final even while the orchestration finishes its clean-up and event.
        var state = (operation, instance.RuntimeStatus) switch
        {
            ("create", _) when status?.Failure is not null => "Failed",
            ("delete", _) when status?.Failure is not null => "DeleteFailed",
            ("create", _) when status?.Finished == true => "Ready",
            ("delete", _) when status?.Finished == true => "Deleted",
            ("create", OrchestrationRuntimeStatus.Completed) => "Ready",
            ("create", OrchestrationRuntimeStatus.Failed) => "Failed",
            ("create", OrchestrationRuntimeStatus.Terminated) => "Terminated",
            ("create", _) => "Building",
            ("delete", OrchestrationRuntimeStatus.Completed) => "Deleted",
            ("delete", OrchestrationRuntimeStatus.Failed) => "DeleteFailed",
            _ => "Deleting",
        };
        var endedAbruptly = state == "Terminated" || (operation == "create" && instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && status?.Failure is null);
        var (steps, failure) = endedAbruptly
            ? TerminatedBuilds.Record(status, clusterName, TerminatedBuilds.Reason(instance), instance.LastUpdatedAt)
            : (status?.Steps ?? [], status?.Failure);
        return new ClusterStatusView(
            clusterName,
            state,
            input?.RequestId,
            input?.RequestedBy,
            input?.Profile,
            status?.ProfileVersion,
            operation,
            instance.InstanceId,
            instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            steps,
            status?.Endpoints ?? new Dictionary<string, string>(),
            failure,
            status?.ApprovedBy,
            status?.Events ?? [],
            CatalogRevision: status?.CatalogRevision);
    }
}
