using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Chooses the clusters an upgrade takes: every recorded cluster of the profile not at its version yet, except those
/// being deleted or in the hands of another upgrade that is still running. Refuses an upgrade the route did not sign.
/// </summary>
public sealed class PlanUpgradeActivity(UpgradeTargets targets, ClusterRecords records, DurableTaskClient client)
{
    [Function(nameof(PlanUpgradeActivity))]
    public async Task<UpgradePlan> RunAsync([ActivityTrigger] PlanUpgradeRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context)
    {
        var cancellationToken = context.CancellationToken;
        await targets.VerifyAsync(input, cancellationToken);
        var clusters = new List<string>();
        var skipped = new List<string>();
        foreach (var record in await records.ListAsync(input.Upgrade.Profile, cancellationToken))
        {
            if (await SkipReasonAsync(record, input.Upgrade, cancellationToken) is { } reason)
            {
                skipped.Add($"{record.ClusterName}: {reason}");
            }
            else
            {
                clusters.Add(record.ClusterName);
            }
        }

        return new UpgradePlan(clusters, skipped);
    }

    private async Task<string?> SkipReasonAsync(ClusterRecord record, UpgradeProfileInput upgrade, CancellationToken cancellationToken)
    {
        if (record.Plan.ProfileVersion == upgrade.ProfileVersion)
        {
            return $"already at version {upgrade.ProfileVersion}";
        }

        var build = await client.GetInstanceAsync(ClusterBuildScheduler.CreateInstanceId(record.ClusterName), getInputsAndOutputs: false, cancellationToken);
        var delete = await client.GetInstanceAsync(ClusterBuildScheduler.DeleteInstanceId(record.ClusterName), getInputsAndOutputs: false, cancellationToken);
        if (build is null || (delete is not null && delete.CreatedAt >= build.CreatedAt))
        {
            return "being deleted";
        }

        if (record.UpgradingTo is { } other && other != upgrade.ProfileVersion)
        {
            var running = await client.GetInstanceAsync(ProfileUpgrades.InstanceId(upgrade.Profile, other, dryRun: false), getInputsAndOutputs: false, cancellationToken);
            return running is { IsRunning: true } ? $"its upgrade to version {other} is still running" : null;
        }

        return null;
    }
}
