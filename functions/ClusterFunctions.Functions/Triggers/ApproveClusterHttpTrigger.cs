using ClusterFunctions.Core.Plans;
using ClusterFunctions.Durable.Client;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/clusters/{name}/approve</c> with <c>{"approved": true|false, "comment": "..."}</c>: an
/// approver of the cluster's profile decides on a build that waits for approval.
/// </summary>
public sealed class ApproveClusterHttpTrigger(DurableTaskClient client, CatalogSource catalog)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/clusters/{name}/approve", (string name, ApprovalBody body, HttpContext http, ApproveClusterHttpTrigger trigger) => trigger.RunAsync(name, body, http));

    public async Task<IResult> RunAsync(string name, ApprovalBody body, HttpContext http)
    {
        var build = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(name), getInputsAndOutputs: true, http.RequestAborted);
        if (build?.ReadInputAs<CreateClusterInput>() is not { } input)
        {
            return HttpProblems.Error(StatusCodes.Status404NotFound, $"no cluster named '{(name.Length > 64 ? name[..64] : name)}'");
        }

        var waiting = build.IsRunning && build.ReadCustomStatusAs<ClusterBuildStatus>()?.Steps.Any(s => s.Name == StepNames.Approval && s.State == Core.Events.StepState.Running) == true;
        if (!waiting)
        {
            return HttpProblems.Error(StatusCodes.Status409Conflict, $"cluster '{name}' is not waiting for an approval");
        }

        var approvers = ClusterPlanRenderer.Render(catalog.Load().Catalog, input.Request).Plan?.Approval?.Approvers ?? [];
        var caller = Caller.From(http.User);
        if (!approvers.Intersect(caller.Roles, StringComparer.Ordinal).Any())
        {
            return HttpProblems.Error(StatusCodes.Status403Forbidden, $"'{caller.Name}' may not approve builds of profile '{input.Request.Profile}' (approvers: {string.Join(", ", approvers)})");
        }

        await client.RaiseEventAsync(build.InstanceId, ApprovalDecision.EventName, new ApprovalDecision(body.Approved, caller.Name, body.Comment), http.RequestAborted);
        return Results.Accepted(value: new { cluster = name, approved = body.Approved, by = caller.Name });
    }
}
