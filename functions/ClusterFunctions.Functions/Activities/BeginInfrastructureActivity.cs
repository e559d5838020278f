using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Starts creating (or adopts) the cluster, then reads its state as <see cref="GetInfrastructureStateActivity"/> does,
/// waiting here up to <see cref="BuildOptions.InfrastructureWaitPerRead"/>; the orchestrator polls beyond that. A
/// separate first read was one more activity round trip on the critical path of every build.
/// </summary>
public sealed class BeginInfrastructureActivity(IClusterInfrastructure infrastructure, IOptions<BuildOptions> options, TimeProvider time, TraceParents traceParents)
    : TracedActivity<InfrastructureRequest, InfrastructureCall<InfrastructureCreateResult>>(traceParents)
{
    [Function(nameof(BeginInfrastructureActivity))]
    public Task<InfrastructureCall<InfrastructureCreateResult>> RunAsync([ActivityTrigger] InfrastructureRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(BeginInfrastructureActivity), input, context);

    protected override async Task<InfrastructureCall<InfrastructureCreateResult>> ExecuteAsync(InfrastructureRequest input, CancellationToken cancellationToken)
    {
        try
        {
            var started = await infrastructure.BeginCreateAsync(input, cancellationToken);
            var state = await GetInfrastructureStateActivity.WaitAsync(infrastructure, input, options.Value, time, cancellationToken);
            return InfrastructureCall<InfrastructureCreateResult>.Succeeded(new InfrastructureCreateResult(started, state));
        }
        catch (InfrastructureException e)
        {
            return InfrastructureCall<InfrastructureCreateResult>.From(e);
        }
    }
}
