using ClusterFunctions.Bench.Scale;

namespace ClusterFunctions.Bench.E2e;

/// <summary>
/// CPU time used by each process of the pipeline: this one (the local Functions host with the Durable engine,
/// LocalCloud and the bench's client), the function app's worker and Azurite. The throughput run is CPU-bound on
/// two cores, so where the CPU goes is where its clusters/s goes.
/// </summary>
internal sealed record ProcessCpu(TimeSpan Host, TimeSpan Worker, TimeSpan Azurite, int WorkerProcessId)
{
    public TimeSpan Total => Host + Worker + Azurite;

    public static ProcessCpu Read(int workerProcessId, int azuriteProcessId) => new(
        ProcessorTime(Environment.ProcessId),
        ProcessorTime(workerProcessId),
        ProcessorTime(azuriteProcessId),
        workerProcessId);

    /// <summary>The CPU used between two readings; a worker restarted in between would make its share meaningless.</summary>
    public static ProcessCpu operator -(ProcessCpu after, ProcessCpu before) =>
        after.WorkerProcessId == before.WorkerProcessId
            ? new(after.Host - before.Host, after.Worker - before.Worker, after.Azurite - before.Azurite, after.WorkerProcessId)
            : throw new InvalidOperationException($"the worker restarted during the run (process {before.WorkerProcessId}, then {after.WorkerProcessId}); its CPU cannot be told");

    private static TimeSpan ProcessorTime(int processId) => TimeSpan.FromSeconds(ProcessTree.OwnCpuSeconds(processId));
}
