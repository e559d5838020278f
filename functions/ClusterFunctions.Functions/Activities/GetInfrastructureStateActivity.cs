using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Reads the cluster's state (provisioning state, FQDN, pools). While an operation is in progress it reads again, at
/// the pace of <see cref="IntervalAfter"/>, for up to <see cref="BuildOptions.InfrastructureWaitPerRead"/> before
/// answering, which saves the durable-timer rounds of operations that take seconds.
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
            options.InfrastructureWaitPerRead, reads => IntervalAfter(reads, options.InfrastructurePollInterval), time, cancellationToken);

    /// <summary>
    /// The pause after a number of reads: 1, 1, 1, 2, 4 and 8 s, as Azure.Core polls a long-running ARM operation that
    /// sends no Retry-After, then <paramref name="longest"/> (<see cref="BuildOptions.InfrastructurePollInterval"/>),
    /// which also caps each of them. A fixed 10 s pace found an update or a small create of seconds done up to 10 s late;
    /// this one costs an AKS create of minutes four reads more than the fixed pace did.
    /// </summary>
    public static TimeSpan IntervalAfter(int reads, TimeSpan longest)
    {
        var seconds = reads <= 3 ? 1 : Math.Pow(2, Math.Min(reads - 3, 10));
        var ramp = TimeSpan.FromSeconds(seconds);
        return ramp < longest ? ramp : longest;
    }
}
