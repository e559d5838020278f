using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// The one path for an approval decision, from HTTP or a queue message: the build must be waiting,
/// and the caller must hold one of the profile's approver roles. The decision is signed; the build ignores
/// unsigned ones.
/// </summary>
public sealed class BuildApprovals(DurableTaskClient client, CatalogSource catalog, RouteSignatures signatures)
{
    public async Task<(ApprovalOutcome Outcome, string Message)> DecideAsync(string clusterName, bool approved, string? comment, Caller caller, CancellationToken cancellationToken = default)
    {
        var build = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(clusterName), getInputsAndOutputs: true, cancellationToken);
        if (build?.ReadInputAs<CreateClusterInput>() is not { } input)
        {
            return (ApprovalOutcome.NotFound, $"no cluster named '{(clusterName.Length > 64 ? clusterName[..64] : clusterName)}'");
        }

        var waiting = build.IsRunning && build.ReadCustomStatusAs<ClusterBuildStatus>()?.Steps.Any(s => s.Name == StepNames.Approval && s.State == StepState.Running) == true;
        if (!waiting)
        {
            return (ApprovalOutcome.NotWaiting, $"cluster '{clusterName}' is not waiting for an approval");
        }

        var approvers = ClusterPlanRenderer.Render(catalog.Load().Catalog, input.Request).Plan?.Approval?.Approvers ?? [];
        if (!approvers.Intersect(caller.Roles, StringComparer.Ordinal).Any())
        {
            return (ApprovalOutcome.Forbidden, $"'{caller.Name}' may not approve builds of profile '{input.Request.Profile}' (approvers: {string.Join(", ", approvers)})");
        }

        var decision = new ApprovalDecision(approved, caller.Name, comment);
        decision = decision with { Signature = await signatures.SignAsync(RouteSignatures.Approval(build.InstanceId, decision), cancellationToken) };
        await client.RaiseEventAsync(build.InstanceId, ApprovalDecision.EventName, decision, cancellationToken);
        return (ApprovalOutcome.Accepted, $"{(approved ? "approved" : "denied")} by {caller.Name}");
    }
}
