using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Reconcile;
using ClusterFunctions.Functions.Rollout;
using ClusterFunctions.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// One reconcile check of a cluster against its recorded plan (and a repair, in repair mode). A cluster that is there
/// and runs an older version of a profile whose rollout is auto also gets its profile's upgrade started here: the
/// periodic look that carries a commit found by the poll, or a folder edit, to running clusters.
/// </summary>
public sealed class CheckClusterDriftActivity(ClusterDriftCheck check, CatalogRollouts rollouts, TraceParents traceParents, ILogger<CheckClusterDriftActivity> logger) : TracedActivity<ReconcileLease, DriftReport>(traceParents)
{
    private string instanceId = "";

    [Function(nameof(CheckClusterDriftActivity))]
    public Task<DriftReport> RunAsync([ActivityTrigger] ReconcileLease input, [DurableClient] DurableTaskClient durableClient, FunctionContext context)
    {
        // The loop's instance, which the lease's signature covers; the host passes it as binding data.
        instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is string value ? value : "";
        return RunTracedAsync(nameof(CheckClusterDriftActivity), input, context);
    }

    protected override async Task<DriftReport> ExecuteAsync(ReconcileLease input, CancellationToken cancellationToken)
    {
        var report = await check.CheckAsync(instanceId, input, cancellationToken);
        if (report.State is DriftReport.Ready or DriftReport.Drifted)
        {
            try
            {
                await rollouts.StartIfBehindAsync(report.Profile, report.ProfileVersion, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The check itself stands; the next one looks again.
                logger.LogWarning("Rollout look for profile {Profile} after checking {Cluster} failed: {Error}", report.Profile, input.ClusterName, e.Message);
            }
        }

        return report;
    }
}
