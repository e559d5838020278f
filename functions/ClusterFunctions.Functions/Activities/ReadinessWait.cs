using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// One readiness check that may wait: checks the gate until it passes, fails, or <paramref name="wait"/> is used up, and
/// never past the gate's own timeout, so the orchestrator's next check still sees the timeout run out. Between checks
/// it watches the gate's workloads and checks again when one changes, or after <paramref name="interval"/> at most: a
/// gate that passes is seen within milliseconds instead of up to an interval late (a quarter second shipped, on every
/// gated level of a build's critical path). The watch starts only when the first check finds the gate not ready.
/// </summary>
public static class ReadinessWait
{
    public static async Task<GateCheckResult> CheckAsync(IReadinessProbe probe, ClusterConnection connection, CheckReadinessRequest input,
        TimeSpan wait, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var remaining = input.Gate.Timeout - input.Elapsed;
        IGateWatch? watch = null;
        try
        {
            return await InActivityWait.ReadAsync(
                waited => probe.CheckAsync(connection, input.Gate, input.Elapsed + waited, cancellationToken),
                check => check.State != GateState.NotReady,
                wait < remaining ? wait : remaining, _ => interval, time, cancellationToken,
                (longest, cancelled) => (watch ??= probe.Watch(connection, input.Gate)).WaitAsync(longest, time, cancelled));
        }
        finally
        {
            if (watch is not null)
            {
                await watch.DisposeAsync();
            }
        }
    }
}
