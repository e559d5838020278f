using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts deleting the cluster and returns at once; the orchestrator polls until it is absent.</summary>
public sealed class BeginDeleteInfrastructureActivity(IClusterInfrastructure infrastructure) : TaskActivity<InfrastructureRequest, InfrastructureCall<InfrastructureDeleteResult>>
{
    public override async Task<InfrastructureCall<InfrastructureDeleteResult>> RunAsync(TaskActivityContext context, InfrastructureRequest input)
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
