using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Gives one cluster's upgrade its plans, after checking that the upgrade it belongs to was signed by the route and is
/// a real one: a cluster's part started any other way (the management API starts anything) changes nothing.
/// </summary>
public sealed class PrepareClusterUpgradeActivity(UpgradeTargets targets)
{
    [Function(nameof(PrepareClusterUpgradeActivity))]
    public async Task<UpgradeTarget> RunAsync([ActivityTrigger] PlanUpgradeRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context)
    {
        await targets.VerifyAsync(input, context.CancellationToken);
        if (input.Upgrade.DryRun)
        {
            throw new InvalidOperationException("a dry run changes no cluster");
        }

        return await targets.RenderAsync(input.Upgrade.Profile, input.Upgrade.ProfileVersion, input.ClusterName!, context.CancellationToken);
    }
}
