using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Reads the cluster's state once (provisioning state, FQDN, pools); never waits.</summary>
public sealed class GetInfrastructureStateActivity(IClusterInfrastructure infrastructure) : TaskActivity<InfrastructureRequest, InfrastructureCall<InfrastructureState>>
{
    public override async Task<InfrastructureCall<InfrastructureState>> RunAsync(TaskActivityContext context, InfrastructureRequest input)
    {
        try
        {
            return InfrastructureCall<InfrastructureState>.Succeeded(await infrastructure.GetStateAsync(input, context.CancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureState>.From(e);
        }
    }
}
