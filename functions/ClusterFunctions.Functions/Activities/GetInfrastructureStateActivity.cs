using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Reads the cluster's state once (provisioning state, FQDN, pools); never waits.</summary>
public sealed class GetInfrastructureStateActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureState>>(traceParents)
{
    protected override async Task<InfrastructureCall<InfrastructureState>> ExecuteAsync(TaskActivityContext context, InfrastructureRequest input)
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
