using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Checks a bundle's readiness gate once, without waiting: the orchestrator polls it on durable
/// timers and passes how long it has been waiting so the gate can time out deterministically.
/// </summary>
public interface IReadinessProbe
{
    /// <summary>Reads each workload of the gate and says which are not ready and why.</summary>
    Task<GateCheckResult> CheckAsync(ClusterConnection connection, ReadinessGate gate, TimeSpan elapsed, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts watching the gate's workloads for changes; dispose it when the wait ends. A probe that cannot watch
    /// answers with a watch that never changes, and waits between checks are plain delays.
    /// </summary>
    IGateWatch Watch(ClusterConnection connection, ReadinessGate gate) => new ChangeSignal();
}
