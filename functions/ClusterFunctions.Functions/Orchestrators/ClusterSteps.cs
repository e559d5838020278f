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
/// durable timers, apply a bundle and poll its gate. Flow only: every effect is an activity call. Before each wait
/// the step says what it waits for and how long of its limit has passed, so a stuck build explains itself.
/// </summary>
public sealed class ClusterSteps(TaskOrchestrationContext context, BuildTimings timings, InfrastructureRequest infrastructure, BuildProgress progress)
{
    /// <summary>Kubernetes and ARM calls that may pass (5xx, throttling, unreachable) are retried; refusals are not.
    /// 8 tries over about 90 s: a restarting cloud was measured down for 15 to 30 s (ARM brings its clusters' APIs
    /// back before it listens), longer than the 15 s that 5 tries covered.</summary>
    private static readonly TaskOptions TransientRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(8, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30))
        {
            HandleFailure = failure => failure.IsCausedBy<TransientStepException>(),
        });

    private bool stopped;

    /// <summary>Stops polling loops still running after another step failed; their next turn ends them.</summary>
    public void Stop() => stopped = true;

    public async Task<InfrastructureState> ProvisionAsync()
    {
        var wait = new Deadline(StepNames.Infrastructure, context.CurrentUtcDateTime, timings.InfrastructureTimeout);
        // No state: the create ran before its activity read the state too (history of the previous version, replayed),
        // and that version's next call was this read.
        var state = (await CallInfrastructureAsync<InfrastructureCreateResult>(nameof(BeginInfrastructureActivity), wait)).State
            ?? await CallInfrastructureAsync<InfrastructureState>(nameof(GetInfrastructureStateActivity), wait);
        var absentReads = 0;
        while (true)
        {
            // One read that does not find a cluster just created may be the cloud catching up; two in a row are not.
            absentReads = state.Phase == InfrastructurePhase.Absent ? absentReads + 1 : 0;
            switch (state.Phase)
            {
                case InfrastructurePhase.Ready:
                    return state;
                case InfrastructurePhase.Failed:
                    throw new StepFailedException(StepNames.Infrastructure, $"{state.ErrorCode ?? "Failed"}: {state.ErrorMessage ?? $"provisioning state {state.ProvisioningState}"}");
                case InfrastructurePhase.Absent when absentReads >= 2:
                case InfrastructurePhase.Deleting:
                    // Its creation was accepted, so it can only be gone (or going) because something else deleted it:
                    // waiting for it would only run out the whole timeout.
                    throw new StepFailedException(StepNames.Infrastructure,
                        $"managed cluster {infrastructure.Infrastructure.Aks?.ResourceId ?? state.ResourceId} {(state.Phase == InfrastructurePhase.Absent ? "no longer exists" : "is being deleted")}: it was deleted outside this build after its creation started");
            }

            await WaitAsync(timings.InfrastructurePoll, wait, ArmState(state));
            state = await CallInfrastructureAsync<InfrastructureState>(nameof(GetInfrastructureStateActivity), wait);
        }
    }

    public async Task<InfrastructureState> DeleteAsync()
    {
        var wait = new Deadline(StepNames.DeleteInfrastructure, context.CurrentUtcDateTime, timings.InfrastructureTimeout);
        await CallInfrastructureAsync<InfrastructureDeleteResult>(nameof(BeginDeleteInfrastructureActivity), wait);
        while (true)
        {
            var state = await CallInfrastructureAsync<InfrastructureState>(nameof(GetInfrastructureStateActivity), wait);
            if (state.Phase == InfrastructurePhase.Absent || infrastructure.Infrastructure.Provider == InfrastructureProviders.Existing)
            {
                return state;
            }

            if (state.Phase == InfrastructurePhase.Failed)
            {
                throw new StepFailedException(StepNames.DeleteInfrastructure, $"{state.ErrorCode}: {state.ErrorMessage}");
            }

            await WaitAsync(timings.InfrastructurePoll, wait, ArmState(state));
        }
    }

    /// <summary>
    /// Upgrades the managed cluster's own part, as AKS does: the new body with the control plane's version first (pools
    /// keep theirs), then each pool in <paramref name="pools"/>, one after the other, each polled until it runs
    /// <paramref name="kubernetesVersion"/>. Each is its own step, so a stuck pool says which one it is.
    /// </summary>
    public async Task UpgradeInfrastructureAsync(string? kubernetesVersion, IReadOnlyList<string> pools)
    {
        await progress.RunAsync(StepNames.Infrastructure, () => UntilAsync(StepNames.Infrastructure, nameof(BeginInfrastructureUpdateActivity), infrastructure,
            state => kubernetesVersion is null || state.KubernetesVersion == kubernetesVersion, $"the control plane runs Kubernetes {kubernetesVersion}"));
        foreach (var pool in pools)
        {
            var step = StepNames.NodePool(pool);
            await progress.RunAsync(step, () => UntilAsync(step, nameof(BeginNodePoolUpgradeActivity), new NodePoolUpgradeRequest(infrastructure, pool),
                state => state.NodePools.Any(p => p.Name == pool && p.OrchestratorVersion == kubernetesVersion), $"node pool {pool} runs Kubernetes {kubernetesVersion}"));
        }
    }

    /// <summary>Starts one infrastructure operation and polls until the cluster is Succeeded again and shows <paramref name="done"/>.</summary>
    private async Task<InfrastructureState> UntilAsync(string step, string begin, object input, Func<InfrastructureState, bool> done, string expected)
    {
        var wait = new Deadline(step, context.CurrentUtcDateTime, timings.InfrastructureTimeout);
        await CallInfrastructureAsync<InfrastructureStartResult>(begin, wait, input);
        while (true)
        {
            var state = await CallInfrastructureAsync<InfrastructureState>(nameof(GetInfrastructureStateActivity), wait);
            switch (state.Phase)
            {
                case InfrastructurePhase.Ready when done(state):
                    return state;
                case InfrastructurePhase.Ready:
                    throw new StepFailedException(step, $"the operation succeeded but not as expected: {expected} was asked for (control plane {state.KubernetesVersion}, pools {string.Join(", ", state.NodePools.Select(p => $"{p.Name} {p.OrchestratorVersion}"))})");
                case InfrastructurePhase.Failed:
                    throw new StepFailedException(step, $"{state.ErrorCode ?? "Failed"}: {state.ErrorMessage ?? $"provisioning state {state.ProvisioningState}"}");
                case InfrastructurePhase.Absent or InfrastructurePhase.Deleting:
                    throw new StepFailedException(step, $"managed cluster {state.ResourceId} {(state.Phase == InfrastructurePhase.Absent ? "no longer exists" : "is being deleted")}");
            }

            await WaitAsync(timings.InfrastructurePoll, wait, ArmState(state));
        }
    }

    /// <summary>Applies a bundle, whose activity checks its gate too, then polls the gate until ready, refused or out of time.</summary>
    public async Task<GateCheckResult?> InstallAsync(string step, string clusterName, BundlePlan bundle)
    {
        // The gate's time counts from the apply's start, a few milliseconds early: the activity's own wait is part of it.
        var started = context.CurrentUtcDateTime;
        var installed = await context.CallActivityAsync<BundleInstallResult>(nameof(ApplyBundleActivity), new ApplyBundleRequest(infrastructure, clusterName, bundle), TransientRetry);
        if (bundle.Gate is not { } gate)
        {
            return null;
        }

        // No check: the apply ran before its activity checked the gate too (history of the previous version, replayed),
        // and that version's next call was this check.
        var check = installed.Gate
            ?? await context.CallActivityAsync<GateCheckResult>(nameof(CheckReadinessActivity), new CheckReadinessRequest(infrastructure, gate, TimeSpan.Zero), TransientRetry);

        // One poll past the gate's own timeout, so the last check sees the full time.
        var wait = new Deadline(step, started, gate.Timeout + timings.GatePoll);
        while (!stopped)
        {
            if (check.State == GateState.Ready)
            {
                return check;
            }

            if (check.State == GateState.Failed)
            {
                throw new StepFailedException(bundle.Name, check.Reason);
            }

            await WaitAsync(timings.GatePoll, wait, $"readiness gate: {check.Reason}");
            if (stopped)
            {
                break;
            }

            var elapsed = context.CurrentUtcDateTime - started;
            check = await context.CallActivityAsync<GateCheckResult>(nameof(CheckReadinessActivity), new CheckReadinessRequest(infrastructure, gate, elapsed), TransientRetry);
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

    public Task<PruneResult> RemoveObjectsAsync(ClusterPlan plan) => PruneAsync(plan with { Levels = [] });

    /// <summary>Deletes the managed objects <paramref name="plan"/> no longer holds (an upgrade's removed apps and policies).</summary>
    public Task<PruneResult> PruneAsync(ClusterPlan plan) =>
        context.CallActivityAsync<PruneResult>(nameof(PruneClusterActivity), new ClusterPlanRequest(infrastructure, plan), TransientRetry);

    /// <summary>Applies the plan's levels in order, each level's bundles in parallel with their gates, stopping at the first failure.</summary>
    public async Task InstallLevelsAsync(ClusterPlan plan)
    {
        foreach (var level in plan.Levels)
        {
            await FirstFailureAsync(level.Bundles.Select(bundle => StepNames.For(level, bundle))
                .Zip(level.Bundles, (step, bundle) => progress.RunAsync(step, () => InstallAsync(step, plan.ClusterName, bundle))).ToList());
        }
    }

    /// <summary>
    /// Waits for a level's bundles but stops at the first failure, instead of waiting out every other
    /// bundle's gate (Task.WhenAll would hold a failed build for the slowest sibling's timeout).
    /// </summary>
    private static async Task FirstFailureAsync(List<Task<GateCheckResult?>> running)
    {
        while (running.Count > 0)
        {
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            await finished;
        }
    }

    /// <summary>Calls an infrastructure activity, waiting on a durable timer whenever the cloud says "later".</summary>
    private async Task<T> CallInfrastructureAsync<T>(string activity, Deadline wait, object? input = null)
    {
        while (true)
        {
            var call = await context.CallActivityAsync<InfrastructureCall<T>>(activity, input ?? infrastructure);
            if (call.Failure is not { } failure)
            {
                return call.Value!;
            }

            if (failure.Kind == InfrastructureErrorKind.Permanent)
            {
                throw new StepFailedException(wait.Step, $"{failure.Code}: {failure.Message}");
            }

            var retryAfter = failure.RetryAfter ?? TimeSpan.Zero;
            await WaitAsync(retryAfter > timings.InfrastructurePoll ? retryAfter : timings.InfrastructurePoll, wait, $"Azure Resource Manager asks to retry later ({failure.Code}: {failure.Message})");
        }
    }

    /// <summary>Waits one poll on a durable timer after saying what for, or fails the step once its limit has passed.</summary>
    private async Task WaitAsync(TimeSpan delay, Deadline wait, string what)
    {
        var elapsed = context.CurrentUtcDateTime - wait.Started;
        if (elapsed >= wait.Limit)
        {
            throw new StepFailedException(wait.Step, $"timed out after {Durations.Text(wait.Limit)}: {what}");
        }

        progress.Await(wait.Step, $"{what} ({Durations.Text(elapsed)} of {Durations.Text(wait.Limit)})");
        await context.CreateTimer(delay, CancellationToken.None);
    }

    private string ArmState(InfrastructureState state) =>
        $"Azure Resource Manager: managed cluster {infrastructure.Infrastructure.Aks?.ResourceId ?? state.ResourceId} is {state.ProvisioningState ?? state.Phase.ToString()}";

    /// <summary>A step's wait: which step, since when, and how long it may take.</summary>
    private sealed record Deadline(string Step, DateTime Started, TimeSpan Limit);
}
