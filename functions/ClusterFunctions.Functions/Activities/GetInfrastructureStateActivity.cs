using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Reads the cluster's state once (provisioning state, FQDN, pools); never waits.</summary>
public sealed class GetInfrastructureStateActivity(IClusterInfrastructure infrastructure, TraceParents traceParents) : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureState>>(traceParents)
{
    [Function(nameof(GetInfrastructureStateActivity))]
    public Task<InfrastructureCall<InfrastructureState>> RunAsync([ActivityTrigger] InfrastructureRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(GetInfrastructureStateActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureState>> ExecuteAsync(InfrastructureRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return InfrastructureCall<InfrastructureState>.Succeeded(await infrastructure.GetStateAsync(input, cancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureState>.From(e);
        }
    }
}
