using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts creating (or adopts) the cluster and returns at once; the orchestrator polls the state.</summary>
public sealed class BeginInfrastructureActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureStartResult>>(traceParents)
{
    [Function(nameof(BeginInfrastructureActivity))]
    public Task<InfrastructureCall<InfrastructureStartResult>> RunAsync([ActivityTrigger] InfrastructureRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(BeginInfrastructureActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureStartResult>> ExecuteAsync(InfrastructureRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return InfrastructureCall<InfrastructureStartResult>.Succeeded(await infrastructure.BeginCreateAsync(input, cancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureStartResult>.From(e);
        }
    }
}
