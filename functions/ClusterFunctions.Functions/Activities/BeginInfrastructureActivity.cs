using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts creating (or adopts) the cluster and returns at once; the orchestrator polls the state.</summary>
public sealed class BeginInfrastructureActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureStartResult>>(traceParents)
{
    protected override async Task<InfrastructureCall<InfrastructureStartResult>> ExecuteAsync(TaskActivityContext context, InfrastructureRequest input)
    {
        try
        {
            return InfrastructureCall<InfrastructureStartResult>.Succeeded(await infrastructure.BeginCreateAsync(input, context.CancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureStartResult>.From(e);
        }
    }
}
