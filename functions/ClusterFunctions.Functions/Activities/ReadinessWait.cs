using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// One readiness check that may wait: checks the gate every <paramref name="interval"/> until it passes, fails, or
/// <paramref name="wait"/> is used up, and never past the gate's own timeout, so the orchestrator's next check still
/// sees the timeout run out.
/// </summary>
public static class ReadinessWait
{
    public static Task<GateCheckResult> CheckAsync(IReadinessProbe probe, ClusterConnection connection, CheckReadinessRequest input,
        TimeSpan wait, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var remaining = input.Gate.Timeout - input.Elapsed;
        return InActivityWait.ReadAsync(
            waited => probe.CheckAsync(connection, input.Gate, input.Elapsed + waited, cancellationToken),
            check => check.State != GateState.NotReady,
            wait < remaining ? wait : remaining, interval, time, cancellationToken);
    }
}
