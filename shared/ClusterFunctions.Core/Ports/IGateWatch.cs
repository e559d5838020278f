namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Tells a readiness wait when a gate's workloads change, so it reads again as soon as the gate may have passed instead
/// of at its next interval. A watch that cannot be kept (refused, dropped) just stops telling: the wait's interval
/// still bounds each pause, so nothing is missed for longer than that.
/// </summary>
public interface IGateWatch : IAsyncDisposable
{
    /// <summary>
    /// Returns when a watched workload has changed since the previous wait returned (at once if one already has), or
    /// when <paramref name="longest"/> has passed.
    /// </summary>
    Task WaitAsync(TimeSpan longest, TimeProvider time, CancellationToken cancellationToken = default);
}
