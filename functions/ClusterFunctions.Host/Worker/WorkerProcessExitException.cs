namespace ClusterFunctions.Host.Worker;

/// <summary>
/// The worker process died while an invocation was in flight. The type name matters: the Durable extension aborts
/// (and later retries) an orchestration episode whose failure has an inner exception of this name, as it does on
/// Azure, instead of failing the orchestration.
/// </summary>
public sealed class WorkerProcessExitException(string message) : Exception(message);
