using Microsoft.Azure.Functions.Worker;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using Microsoft.DurableTask;
using ClusterFunctions.Functions.Activities;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Builds a complete cluster: plan, infrastructure (started once, polled on durable timers), then each
/// level of the plan with its bundles fanned out in parallel and gated on readiness, verification,
/// and a ClusterReady event. On failure the profile decides between tear-down and keep, and a
/// ClusterFailed event names the step, the cause and what was cleaned up.
/// </summary>
public sealed class CreateCompleteClusterOrchestrator : TaskOrchestrator<CreateClusterInput, ClusterBuildResult>
{
    private const int MaxIgnoredApprovalEvents = 20;
    private static readonly TaskOptions LedgerRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(1)));

    [Function(nameof(CreateCompleteClusterOrchestrator))]
    public static Task<ClusterBuildResult> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CreateCompleteClusterOrchestrator().RunAsync(context, context.GetInput<CreateClusterInput>()
            ?? throw new InvalidOperationException("a build needs its CreateClusterInput"));

    public override async Task<ClusterBuildResult> RunAsync(TaskOrchestrationContext context, CreateClusterInput input)
    {
        var request = input.Request;
        var logger = context.CreateReplaySafeLogger<CreateCompleteClusterOrchestrator>();
        var progress = new BuildProgress(context, "create", request.ClusterName, request.RequestId, request.Profile);
        progress.Declare([StepNames.Plan]);
        ClusterPlan? plan = null;
        ClusterSteps? steps = null;
        try
        {
            plan = await progress.RunAsync(StepNames.Plan, () => context.CallActivityAsync<ClusterPlan>(nameof(RenderPlanActivity), new RenderPlanRequest("create", context.InstanceId, request, input.Signature)));
            progress.ProfileVersion = plan.ProfileVersion;
            progress.CatalogRevision = plan.CatalogRevision;
            progress.Declare(StepNames.All(plan));
            if (plan.Approval is { } approval)
            {
                progress.ApprovedBy = (await progress.RunAsync(StepNames.Approval, () => WaitForApprovalAsync(context, approval, progress, request.ClusterName))).By;
            }

            var infrastructure = new InfrastructureRequest(request.RequestId, plan.Infrastructure);
            steps = new ClusterSteps(context, input.Timings, infrastructure, progress);

            var state = await progress.RunAsync(StepNames.Infrastructure, steps.ProvisionAsync);
            if (state.Fqdn is { Length: > 0 } fqdn)
            {
                progress.AddEndpoint("fqdn", fqdn);
            }

            await steps.InstallLevelsAsync(plan);

            var verification = await progress.RunAsync(StepNames.Verification, () => VerifyAndRecordAsync(context, steps, request, plan));
            progress.AddEndpoint("kubernetesApi", verification.ApiServer);
            progress.Finish();
            await progress.EmitAsync(ClusterEventTypes.Ready);
            logger.LogInformation("Cluster {ClusterName} is ready ({ObjectCount} objects verified)", plan.ClusterName, verification.ObjectsVerified);
            await StartLeasesAsync(context, plan);
            return new ClusterBuildResult(plan.ClusterName, request.RequestId, plan.Profile, plan.ProfileVersion, infrastructure, progress.Steps, progress.Endpoints);
        }
        catch (StepFailedException failure)
        {
            logger.LogWarning("Cluster {ClusterName} failed at step {Step}: {Cause}", request.ClusterName, failure.Step, failure.Cause);
            steps?.Stop();
            var cleanedUp = await CleanUpAsync(plan, steps, failure);
            progress.Fail(failure.Step, failure.Cause, cleanedUp);
            progress.Finish();
            await progress.EmitAsync(ClusterEventTypes.Failed);
            throw;
        }
    }

    /// <summary>
    /// Verifies the cluster and writes its record, which reconcile and upgrades work from, so a cluster is not Ready
    /// until it is written. Both at once, one round trip less on every build; a cluster that fails verification has
    /// its record taken back, as if it had never been written.
    /// </summary>
    internal static async Task<ClusterVerification> VerifyAndRecordAsync(TaskOrchestrationContext context, ClusterSteps steps, ClusterRequest request, ClusterPlan plan)
    {
        // Verification first: a build of the previous version, replayed, scheduled the two in this order too.
        var verified = steps.VerifyAsync(plan);
        var recorded = context.CallActivityAsync<bool>(nameof(RecordClusterActivity), new RecordClusterRequest(request, plan), LedgerRetry);
        try
        {
            // Both end before anything is decided, so a record still being written cannot outlive its taking back; and
            // verification's failure, first, is the one the build reports.
            await Task.WhenAll(verified, recorded);
            return await verified;
        }
        catch (StepFailedException) when (recorded.IsCompletedSuccessfully && recorded.Result)
        {
            await ForgetAsync(context, request);
            throw;
        }
    }

    /// <summary>Takes back a failed build's record; one that cannot be taken back is logged, and the build fails for its own cause.</summary>
    private static async Task ForgetAsync(TaskOrchestrationContext context, ClusterRequest request)
    {
        try
        {
            await context.CallActivityAsync(nameof(ForgetClusterActivity), new ForgetClusterRequest(request.ClusterName, request.RequestId), LedgerRetry);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger<CreateCompleteClusterOrchestrator>().LogError("Cluster {ClusterName} failed verification but its record stays: {Error}", request.ClusterName, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>
    /// Waits on a durable timer-raced external event, so an approval can take hours without holding a worker. Only a
    /// decision an approval route signed counts: one raised any other way (the management API's raiseEvent takes
    /// any payload) is logged and ignored, and the wait goes on until the original deadline.
    /// </summary>
    private static async Task<ApprovalDecision> WaitForApprovalAsync(TaskOrchestrationContext context, ApprovalPolicy approval, BuildProgress progress, string clusterName)
    {
        var logger = context.CreateReplaySafeLogger<CreateCompleteClusterOrchestrator>();
        var deadline = context.CurrentUtcDateTime.AddSeconds(approval.TimeoutSeconds);
        progress.Await(StepNames.Approval, $"a decision from {string.Join(" or ", approval.Approvers)} (./cluster approve {clusterName}, or POST /api/clusters/{clusterName}/approve) since {context.CurrentUtcDateTime:yyyy-MM-dd HH:mm:ss}Z; it gives up at {deadline:yyyy-MM-dd HH:mm:ss}Z");
        // Bounded: a flood of forged events must not grow the history without end.
        for (var ignored = 0; ignored <= MaxIgnoredApprovalEvents; ignored++)
        {
            ApprovalDecision decision;
            try
            {
                var remaining = deadline - context.CurrentUtcDateTime;
                decision = remaining > TimeSpan.Zero
                    ? await context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, remaining)
                    : throw new TaskCanceledException();
            }
            catch (TaskCanceledException)
            {
                throw new StepFailedException(StepNames.Approval, $"no decision within {approval.TimeoutSeconds} s (approvers: {string.Join(", ", approval.Approvers)})");
            }

            if (!await context.CallActivityAsync<bool>(nameof(VerifyApprovalActivity), new VerifyApprovalRequest(context.InstanceId, decision)))
            {
                logger.LogWarning("Build {InstanceId} ignored an approval event not raised by an approval route (it named {ClaimedApprover})", context.InstanceId, decision.By);
                continue;
            }

            return decision.Approved
                ? decision
                : throw new StepFailedException(StepNames.Approval, $"denied by {decision.By}{(decision.Comment is { Length: > 0 } comment ? $": {comment}" : "")}");
        }

        throw new StepFailedException(StepNames.Approval, $"{MaxIgnoredApprovalEvents + 1} approval events did not come from an approval route; the build stopped waiting");
    }

    /// <summary>
    /// Starts what keeps watch over the Ready cluster, its expiry lease and its reconcile loop, both at once: one round
    /// trip and one turn fewer between the build's event and its end, when the work of ending a build lands on the
    /// next one's first steps. The lease is scheduled first, as the previous version did one after the other, so
    /// builds of that version replay.
    /// </summary>
    internal static Task StartLeasesAsync(TaskOrchestrationContext context, ClusterPlan plan) => Task.WhenAll(
        plan.Ttl is { } ttl ? StartExpiryAsync(context, plan, ttl) : Task.CompletedTask,
        plan.Reconcile is { } reconcile ? StartReconcileAsync(context, plan, reconcile.Interval) : Task.CompletedTask);

    /// <summary>
    /// Starts the cluster's expiry lease: its ttl counts from Ready. The cluster is Ready and announced whatever
    /// happens here, so a lease that cannot be started is logged, not turned into a failed build.
    /// </summary>
    private static async Task StartExpiryAsync(TaskOrchestrationContext context, ClusterPlan plan, TimeSpan ttl)
    {
        var logger = context.CreateReplaySafeLogger<CreateCompleteClusterOrchestrator>();
        var expiresAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + ttl;
        try
        {
            await context.CallActivityAsync(nameof(StartExpiryActivity), new StartExpiryRequest(plan.ClusterName, plan.RequestId, expiresAt, ttl), LedgerRetry);
        }
        catch (TaskFailedException e)
        {
            logger.LogError("Cluster {ClusterName} has a ttl but its expiry could not be started, so it will not expire: {Error}", plan.ClusterName, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Starts the cluster's reconcile loop; as for expiry, a loop that cannot start is logged, and the cluster stays Ready.</summary>
    private static async Task StartReconcileAsync(TaskOrchestrationContext context, ClusterPlan plan, TimeSpan interval)
    {
        try
        {
            await context.CallActivityAsync(nameof(StartReconcileActivity), new StartReconcileRequest(plan.ClusterName, plan.RequestId, interval), LedgerRetry);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger<CreateCompleteClusterOrchestrator>().LogError("Cluster {ClusterName} is not reconciled: its loop could not be started: {Error}", plan.ClusterName, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>Tears down what the build created when the profile says so; a failed plan created nothing.</summary>
    private static async Task<IReadOnlyList<string>> CleanUpAsync(ClusterPlan? plan, ClusterSteps? steps, StepFailedException failure)
    {
        if (plan is null || steps is null || failure.Step is StepNames.Plan or StepNames.Approval)
        {
            return [];
        }

        if (plan.OnFailure == FailurePolicy.Keep)
        {
            return ["nothing: the profile keeps a failed cluster for diagnosis"];
        }

        try
        {
            if (plan.Infrastructure.Provider == InfrastructureProviders.Existing)
            {
                var removed = await steps.RemoveObjectsAsync(plan);
                return [$"{removed.Deleted.Count} objects removed from the existing cluster"];
            }

            await steps.DeleteAsync();
            return [$"managed cluster {plan.Infrastructure.Aks!.ResourceId} deleted"];
        }
        catch (Exception e) when (e is StepFailedException or TaskFailedException)
        {
            return [$"tear-down failed, the cluster may remain: {e.Message}"];
        }
    }
}
