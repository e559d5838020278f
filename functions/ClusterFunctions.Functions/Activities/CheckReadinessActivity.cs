using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Checks a bundle's readiness gate once; the orchestrator polls it on durable timers.</summary>
public sealed class CheckReadinessActivity(IClusterInfrastructure infrastructure, IReadinessProbe probe, TraceParents traceParents) : TracedActivity<CheckReadinessRequest, GateCheckResult>(traceParents)
{
    [Function(nameof(CheckReadinessActivity))]
    public Task<GateCheckResult> RunAsync([ActivityTrigger] CheckReadinessRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(CheckReadinessActivity), input, context);

    protected override Task<GateCheckResult> ExecuteAsync(CheckReadinessRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(async () =>
        {
            using var connection = await infrastructure.ConnectAsync(input.Infrastructure, cancellationToken);
            return await probe.CheckAsync(connection, input.Gate, input.Elapsed, cancellationToken);
        });
}
