using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using Microsoft.DurableTask;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Orchestrators;

// DURABLE0011 sees while(true): every such loop here ends at its deadline (WaitAsync throws once the orchestration
// clock passes it), so history stays bounded by timeout / poll interval without ContinueAsNew.
#pragma warning disable DURABLE0011

/// <summary>
/// The flows the build and delete orchestrators share: start a long cloud operation and poll it on
/// durable timers, apply a bundle and poll its gate. Flow only: every effect is an activity call.
/// </summary>
public sealed class ClusterSteps(TaskOrchestrationContext context, BuildTimings timings, InfrastructureRequest infrastructure)
{
    /// <summary>Kubernetes calls that may pass (5xx, throttling, unreachable) are retried; refusals are not.</summary>
    private static readonly TaskOptions TransientRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30))
        {
            HandleFailure = failure => failure.IsCausedBy<TransientStepException>(),
        });

    private bool stopped;

    /// <summary>Stops polling loops still running after another step failed; their next turn ends them.</summary>
    public void Stop() => stopped = true;

    public async Task<InfrastructureState> ProvisionAsync()
    {
        var deadline = context.CurrentUtcDateTime + timings.InfrastructureTimeout;
        await CallInfrastructureAsync<InfrastructureStartResult>(nameof(BeginInfrastructureActivity), deadline);
        while (true)
        {
            var state = await CallInfrastructureAsync<InfrastructureState>(nameof(GetInfrastructureStateActivity), deadline);
            switch (state.Phase)
            {
                case InfrastructurePhase.Ready:
                    return state;
                case InfrastructurePhase.Failed:
                    throw new StepFailedException(StepNames.Infrastructure, $"{state.ErrorCode ?? "Failed"}: {state.ErrorMessage ?? $"provisioning state {state.ProvisioningState}"}");
            }

            await WaitAsync(timings.InfrastructurePoll, deadline, $"the cluster is still {state.ProvisioningState ?? state.Phase.ToString()}");
        }
    }

    public async Task<InfrastructureState> DeleteAsync()
    {
        var deadline = context.CurrentUtcDateTime + timings.InfrastructureTimeout;
        await CallInfrastructureAsync<InfrastructureDeleteResult>(nameof(BeginDeleteInfrastructureActivity), deadline);
        while (true)
        {
            var state = await CallInfrastructureAsync<InfrastructureState>(nameof(GetInfrastructureStateActivity), deadline);
            if (state.Phase == InfrastructurePhase.Absent || infrastructure.Infrastructure.Provider == InfrastructureProviders.Existing)
            {
                return state;
            }

            if (state.Phase == InfrastructurePhase.Failed)
            {
                throw new StepFailedException(StepNames.DeleteInfrastructure, $"{state.ErrorCode}: {state.ErrorMessage}");
            }

            await WaitAsync(timings.InfrastructurePoll, deadline, $"the cluster is still {state.ProvisioningState ?? state.Phase.ToString()}");
        }
    }

    /// <summary>Applies a bundle, then polls its gate until ready, refused or out of time.</summary>
    public async Task<GateCheckResult?> InstallAsync(string clusterName, BundlePlan bundle)
    {
        await context.CallActivityAsync<BundleApplyResult>(nameof(ApplyBundleActivity), new ApplyBundleRequest(infrastructure, clusterName, bundle), TransientRetry);
        if (bundle.Gate is not { } gate)
        {
            return null;
        }

        var started = context.CurrentUtcDateTime;
        while (!stopped)
        {
            var elapsed = context.CurrentUtcDateTime - started;
            var check = await context.CallActivityAsync<GateCheckResult>(nameof(CheckReadinessActivity), new CheckReadinessRequest(infrastructure, gate, elapsed), TransientRetry);
            if (check.State == GateState.Ready)
            {
                return check;
            }

            if (check.State == GateState.Failed)
            {
                throw new StepFailedException(bundle.Name, check.Reason);
            }

            await WaitAsync(timings.GatePoll, started + gate.Timeout + timings.GatePoll, $"not ready after {gate.Timeout.TotalSeconds:0}s: {check.Reason}");
        }

        throw new StepFailedException(bundle.Name, "stopped because another step failed");
    }

    public async Task<ClusterVerification> VerifyAsync(ClusterPlan plan)
    {
        var verification = await context.CallActivityAsync<ClusterVerification>(nameof(VerifyClusterActivity), new ClusterPlanRequest(infrastructure, plan), TransientRetry);
        return verification.Problems.Count == 0
            ? verification
            : throw new StepFailedException(StepNames.Verification, string.Join("; ", verification.Problems));
    }

    public Task<PruneResult> RemoveObjectsAsync(ClusterPlan plan) =>
        context.CallActivityAsync<PruneResult>(nameof(PruneClusterActivity), new ClusterPlanRequest(infrastructure, plan with { Levels = [] }), TransientRetry);

    /// <summary>Calls an infrastructure activity, waiting on a durable timer whenever the cloud says "later".</summary>
    private async Task<T> CallInfrastructureAsync<T>(string activity, DateTime deadline)
    {
        while (true)
        {
            var call = await context.CallActivityAsync<InfrastructureCall<T>>(activity, infrastructure);
            if (call.Failure is not { } failure)
            {
                return call.Value!;
            }

            if (failure.Kind == InfrastructureErrorKind.Permanent)
            {
                throw new StepFailedException(StepNames.Infrastructure, $"{failure.Code}: {failure.Message}");
            }

            var wait = failure.RetryAfter ?? TimeSpan.Zero;
            await WaitAsync(wait > timings.InfrastructurePoll ? wait : timings.InfrastructurePoll, deadline, $"the cloud kept asking to retry later ({failure.Code}: {failure.Message})");
        }
    }

    private async Task WaitAsync(TimeSpan delay, DateTime deadline, string whyStillWaiting)
    {
        if (context.CurrentUtcDateTime >= deadline)
        {
            throw new StepFailedException(StepNames.Infrastructure, $"timed out: {whyStillWaiting}");
        }

        await context.CreateTimer(delay, CancellationToken.None);
    }
}
