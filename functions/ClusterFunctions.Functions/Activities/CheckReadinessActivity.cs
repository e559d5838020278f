using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Checks a bundle's readiness gate once; the orchestrator polls it on durable timers.</summary>
public sealed class CheckReadinessActivity(IClusterInfrastructure infrastructure, IReadinessProbe probe, TraceParents traceParents) : TracedActivity<CheckReadinessRequest, GateCheckResult>(traceParents)
{
    protected override async Task<GateCheckResult> ExecuteAsync(TaskActivityContext context, CheckReadinessRequest input)
    {
        try
        {
            using var connection = await infrastructure.ConnectAsync(input.Infrastructure, context.CancellationToken);
            return await probe.CheckAsync(connection, input.Gate, input.Elapsed, context.CancellationToken);
        }
        catch (KubernetesApplyException e) when (e.Retryable)
        {
            throw new TransientStepException(e.Message, e);
        }
    }
}
