using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts deleting the cluster and returns at once; the orchestrator polls until it is absent.</summary>
public sealed class BeginDeleteInfrastructureActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureDeleteResult>>(traceParents)
{
    [Function(nameof(BeginDeleteInfrastructureActivity))]
    public Task<InfrastructureCall<InfrastructureDeleteResult>> RunAsync([ActivityTrigger] InfrastructureRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(BeginDeleteInfrastructureActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureDeleteResult>> ExecuteAsync(InfrastructureRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return InfrastructureCall<InfrastructureDeleteResult>.Succeeded(await infrastructure.BeginDeleteAsync(input, cancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureDeleteResult>.From(e);
        }
    }
}
