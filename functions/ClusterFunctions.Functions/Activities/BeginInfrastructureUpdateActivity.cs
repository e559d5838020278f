using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts changing the managed cluster to the plan (its control plane first) and returns at once; the orchestrator polls.</summary>
public sealed class BeginInfrastructureUpdateActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureStartResult>>(traceParents)
{
    [Function(nameof(BeginInfrastructureUpdateActivity))]
    public Task<InfrastructureCall<InfrastructureStartResult>> RunAsync([ActivityTrigger] InfrastructureRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(BeginInfrastructureUpdateActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureStartResult>> ExecuteAsync(InfrastructureRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return InfrastructureCall<InfrastructureStartResult>.Succeeded(await infrastructure.BeginUpdateAsync(input, cancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureStartResult>.From(e);
        }
    }
}
