using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Checks a bundle's readiness gate, waiting here up to <see cref="BuildOptions.GateWaitPerCheck"/> for it to pass;
/// the orchestrator polls on durable timers beyond that. Waiting in the activity saves a durable-timer round (a timer
/// message, a queue poll and two orchestration turns) for every check of a gate that passes within seconds.
/// </summary>
public sealed class CheckReadinessActivity(ClusterConnections connections, IReadinessProbe probe, IOptions<BuildOptions> options, TimeProvider time, TraceParents traceParents)
    : TracedActivity<CheckReadinessRequest, GateCheckResult>(traceParents)
{
    [Function(nameof(CheckReadinessActivity))]
    public Task<GateCheckResult> RunAsync([ActivityTrigger] CheckReadinessRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(CheckReadinessActivity), input, context);

    protected override Task<GateCheckResult> ExecuteAsync(CheckReadinessRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(() => connections.UseAsync(input.Infrastructure,
            connection => ReadinessWait.CheckAsync(probe, connection, input, options.Value.GateWaitPerCheck, options.Value.GateCheckInterval, time, cancellationToken),
            cancellationToken));
}
