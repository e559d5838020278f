using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts deleting the cluster and returns at once; the orchestrator polls until it is absent.</summary>
public sealed class BeginDeleteInfrastructureActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureDeleteResult>>(traceParents)
{
    protected override async Task<InfrastructureCall<InfrastructureDeleteResult>> ExecuteAsync(TaskActivityContext context, InfrastructureRequest input)
    {
        try
        {
            return InfrastructureCall<InfrastructureDeleteResult>.Succeeded(await infrastructure.BeginDeleteAsync(input, context.CancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureDeleteResult>.From(e);
        }
    }
}
