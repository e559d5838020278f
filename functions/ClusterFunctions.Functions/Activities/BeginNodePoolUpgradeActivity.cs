using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts moving one node pool to the plan's Kubernetes version and returns at once; the orchestrator polls.</summary>
public sealed class BeginNodePoolUpgradeActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<NodePoolUpgradeRequest, InfrastructureCall<InfrastructureStartResult>>(traceParents)
{
    [Function(nameof(BeginNodePoolUpgradeActivity))]
    public Task<InfrastructureCall<InfrastructureStartResult>> RunAsync([ActivityTrigger] NodePoolUpgradeRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(BeginNodePoolUpgradeActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureStartResult>> ExecuteAsync(NodePoolUpgradeRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return InfrastructureCall<InfrastructureStartResult>.Succeeded(await infrastructure.BeginNodePoolUpgradeAsync(input.Infrastructure, input.NodePool, cancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureStartResult>.From(e);
        }
    }
}
