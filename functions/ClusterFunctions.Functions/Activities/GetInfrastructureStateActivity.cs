using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Reads the cluster's state (provisioning state, FQDN, pools). While an operation is in progress it reads again every
/// <see cref="BuildOptions.InfrastructurePollInterval"/> for up to <see cref="BuildOptions.InfrastructureWaitPerRead"/>
/// before answering, which saves the durable-timer rounds of operations that take seconds.
/// </summary>
public sealed class GetInfrastructureStateActivity(IClusterInfrastructure infrastructure, IOptions<BuildOptions> options, TimeProvider time, TraceParents traceParents)
    : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureState>>(traceParents)
{
    [Function(nameof(GetInfrastructureStateActivity))]
    public Task<InfrastructureCall<InfrastructureState>> RunAsync([ActivityTrigger] InfrastructureRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(GetInfrastructureStateActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureState>> ExecuteAsync(InfrastructureRequest input, CancellationToken cancellationToken)
    {
        try
        {
            return InfrastructureCall<InfrastructureState>.Succeeded(await WaitAsync(infrastructure, input, options.Value, time, cancellationToken));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureState>.From(e);
        }
    }

    /// <summary>Reads until no operation is in progress, or the wait per read is used up.</summary>
    internal static Task<InfrastructureState> WaitAsync(IClusterInfrastructure infrastructure, InfrastructureRequest input, BuildOptions options, TimeProvider time,
        CancellationToken cancellationToken) =>
        InActivityWait.ReadAsync(
            _ => infrastructure.GetStateAsync(input, cancellationToken),
            state => state.Phase != InfrastructurePhase.InProgress,
            options.InfrastructureWaitPerRead, options.InfrastructurePollInterval, time, cancellationToken);
}
