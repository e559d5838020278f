using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Proves the cluster matches its plan without touching it: a dry-run apply of every bundle must find
/// every object exactly as planned, and every gate must still be ready.
/// </summary>
public sealed class VerifyClusterActivity(IClusterInfrastructure infrastructure, IDriftChecker drift, IReadinessProbe probe, TraceParents traceParents) : TracedActivity<ClusterPlanRequest, ClusterVerification>(traceParents)
{
    [Function(nameof(VerifyClusterActivity))]
    public Task<ClusterVerification> RunAsync([ActivityTrigger] ClusterPlanRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(VerifyClusterActivity), input, context);

    protected override Task<ClusterVerification> ExecuteAsync(ClusterPlanRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(() => VerifyAsync(input, cancellationToken));

    private async Task<ClusterVerification> VerifyAsync(ClusterPlanRequest input, CancellationToken cancellationToken)
    {
        using var connection = await infrastructure.ConnectAsync(input.Infrastructure, cancellationToken);
        var problems = new List<string>();
        var verified = 0;
        foreach (var bundle in input.Plan.Levels.SelectMany(l => l.Bundles))
        {
            var applied = await drift.CheckBundleAsync(connection, input.Plan.ClusterName, bundle, cancellationToken);
            verified += applied.Objects.Count(o => o.Outcome == ApplyOutcome.Unchanged);
            problems.AddRange(applied.Objects.Where(o => o.Outcome != ApplyOutcome.Unchanged).Select(o => o.Outcome == ApplyOutcome.Created ? $"{o.Object} is missing" : $"{o.Object} differs from the plan"));
            if (bundle.Gate is { } gate)
            {
                var check = await probe.CheckAsync(connection, gate, TimeSpan.Zero, cancellationToken);
                if (check.State != GateState.Ready)
                {
                    problems.Add($"{bundle.Name}: {check.Reason}");
                }
            }
        }

        return new ClusterVerification(connection.Server.GetLeftPart(UriPartial.Authority), verified, problems);
    }
}
