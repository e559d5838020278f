using ClusterFunctions.Core.Upgrades;
using ClusterFunctions.Functions.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Upgrades a profile's clusters to its current version: picks the clusters whose record is older, computes each one's
/// diff (a dry run stops there), then upgrades them wave by wave, the clusters of a wave in parallel, each by an
/// <see cref="UpgradeClusterOrchestrator"/>. The first wave with a failed cluster is the last: the clusters after it
/// are not attempted. Its custom status (and output, once done) is an <see cref="UpgradeStatus"/>.
/// </summary>
public sealed class UpgradeProfileOrchestrator : TaskOrchestrator<UpgradeProfileInput, UpgradeStatus>
{
    private static readonly TaskOptions DiffRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30)) { HandleFailure = failure => failure.IsCausedBy<TransientStepException>() });

    [Function(nameof(UpgradeProfileOrchestrator))]
    public static Task<UpgradeStatus> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new UpgradeProfileOrchestrator().RunAsync(context, context.GetInput<UpgradeProfileInput>()
            ?? throw new InvalidOperationException("an upgrade needs its UpgradeProfileInput"));

    public override async Task<UpgradeStatus> RunAsync(TaskOrchestrationContext context, UpgradeProfileInput input)
    {
        var logger = context.CreateReplaySafeLogger<UpgradeProfileOrchestrator>();
        var status = Publish(context, new UpgradeStatus(input.Profile, input.ProfileVersion, input.DryRun, input.WaveSize, input.RequestedBy, "Planning", [], [], [], []));
        UpgradePlan plan;
        ClusterUpgradeDiff[] diffs;
        try
        {
            plan = await context.CallActivityAsync<UpgradePlan>(nameof(PlanUpgradeActivity), new PlanUpgradeRequest(context.InstanceId, input));
            var waves = UpgradeWaves.Plan(plan.Clusters, input.WaveSize);
            status = Publish(context, status with
            {
                Waves = waves,
                Skipped = plan.Skipped,
                Clusters = waves.SelectMany((wave, i) => wave.Select(name => new ClusterUpgradeProgress(name, i + 1, "Pending"))).ToList(),
            });
            diffs = await Task.WhenAll(plan.Clusters.Select(name =>
                context.CallActivityAsync<ClusterUpgradeDiff>(nameof(DiffClusterActivity), new PlanUpgradeRequest(context.InstanceId, input, name), DiffRetry)));
        }
        catch (TaskFailedException e)
        {
            return Publish(context, status with { State = "Failed", Error = $"nothing was changed: {e.FailureDetails.ErrorMessage}", Clusters = Set(status.Clusters, "Pending", "NotAttempted") });
        }

        status = Publish(context, status with { Diffs = diffs });
        if (input.DryRun)
        {
            return Publish(context, status with { State = "DryRun", Clusters = Set(status.Clusters, "Pending", "NotAttempted") });
        }

        // Better stopped here than at the first cluster's PUT: nothing has changed yet, and the diff says why.
        if (diffs.SelectMany(d => (d.Infrastructure.Refusals ?? []).Select(r => $"{d.ClusterName}: {r}")).ToList() is { Count: > 0 } refused)
        {
            return Publish(context, status with { State = "Failed", Error = $"nothing was changed: AKS would refuse {string.Join("; ", refused)}", Clusters = Set(status.Clusters, "Pending", "NotAttempted") });
        }

        for (var wave = 1; wave <= status.Waves.Count; wave++)
        {
            var names = status.Waves[wave - 1];
            status = Publish(context, status with { State = "Upgrading", CurrentWave = wave, Clusters = status.Clusters.Select(c => names.Contains(c.Name) ? c with { State = "Upgrading" } : c).ToList() });
            var results = await Task.WhenAll(names.Select(name => UpgradeAsync(context, input, name)));
            status = Publish(context, status with { Clusters = status.Clusters.Select(c => results.FirstOrDefault(r => r.Name == c.Name) is { } r ? c with { State = r.Upgraded ? "Upgraded" : "Failed", Error = r.Error } : c).ToList() });
            if (results.Where(r => !r.Upgraded).Select(r => r.Name).ToList() is { Count: > 0 } failed)
            {
                logger.LogWarning("Upgrade of profile {Profile} to {Version} stopped at wave {Wave}: {Failed} failed", input.Profile, input.ProfileVersion, wave, string.Join(", ", failed));
                return Publish(context, status with
                {
                    State = "Failed",
                    Error = $"wave {wave} failed ({string.Join(", ", failed)}); the waves after it were not started",
                    Clusters = Set(status.Clusters, "Pending", "NotAttempted"),
                });
            }
        }

        return Publish(context, status with { State = "Succeeded" });
    }

    /// <summary>One cluster's upgrade; an orchestration that failed outside its own handling counts as a failed cluster.</summary>
    private static async Task<ClusterUpgradeResult> UpgradeAsync(TaskOrchestrationContext context, UpgradeProfileInput input, string name)
    {
        try
        {
            return await context.CallSubOrchestratorAsync<ClusterUpgradeResult>(nameof(UpgradeClusterOrchestrator),
                new UpgradeClusterInput(context.InstanceId, input, name, input.TraceParent), new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:{name}" });
        }
        catch (TaskFailedException e)
        {
            return new ClusterUpgradeResult(name, false, e.FailureDetails.ErrorMessage);
        }
    }

    private static IReadOnlyList<ClusterUpgradeProgress> Set(IReadOnlyList<ClusterUpgradeProgress> clusters, string from, string to) =>
        clusters.Select(c => c.State == from ? c with { State = to } : c).ToList();

    private static UpgradeStatus Publish(TaskOrchestrationContext context, UpgradeStatus status)
    {
        context.SetCustomStatus(status.Fitted());
        return status;
    }
}
