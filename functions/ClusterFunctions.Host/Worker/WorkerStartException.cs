namespace ClusterFunctions.Host.Worker;

/// <summary>The worker could not be started, initialised or loaded; the message says which step and why.</summary>
public sealed class WorkerStartException(string message) : Exception(message);
