using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Proves the cluster matches its plan without touching it: a dry-run apply of every bundle must find
/// every object exactly as planned, and every gate must still be ready.
/// </summary>
public sealed class VerifyClusterActivity(ClusterConnections connections, IDriftChecker drift, IReadinessProbe probe, TraceParents traceParents) : TracedActivity<ClusterPlanRequest, ClusterVerification>(traceParents)
{
    [Function(nameof(VerifyClusterActivity))]
    public Task<ClusterVerification> RunAsync([ActivityTrigger] ClusterPlanRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(VerifyClusterActivity), input, context);

    protected override Task<ClusterVerification> ExecuteAsync(ClusterPlanRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(() => connections.UseAsync(input.Infrastructure, async connection =>
        {
            var (verified, problems) = await VerifyBundlesAsync(drift, probe, connection, input.Plan, cancellationToken);
            return new ClusterVerification(connection.Server.GetLeftPart(UriPartial.Authority), verified, problems);
        }, cancellationToken));

    /// <summary>
    /// Every bundle at once, as a level's bundles are applied: verification only reads, and one bundle after the other
    /// it was the longest step after the gates. The problems keep the plan's order.
    /// </summary>
    internal static async Task<(int Verified, IReadOnlyList<string> Problems)> VerifyBundlesAsync(IDriftChecker drift, IReadinessProbe probe,
        ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken)
    {
        var bundles = await Task.WhenAll(plan.Levels.SelectMany(l => l.Bundles).Select(async bundle =>
        {
            var applied = await drift.CheckBundleAsync(connection, plan.ClusterName, bundle, cancellationToken);
            var problems = applied.Objects.Where(o => o.Outcome != ApplyOutcome.Unchanged)
                .Select(o => o.Outcome == ApplyOutcome.Created ? $"{o.Object} is missing" : $"{o.Object} differs from the plan").ToList();
            if (bundle.Gate is { } gate && await probe.CheckAsync(connection, gate, TimeSpan.Zero, cancellationToken) is { State: not GateState.Ready } check)
            {
                problems.Add($"{bundle.Name}: {check.Reason}");
            }

            return (Verified: applied.Objects.Count(o => o.Outcome == ApplyOutcome.Unchanged), Problems: problems);
        }));
        return (bundles.Sum(b => b.Verified), bundles.SelectMany(b => b.Problems).ToList());
    }
}
