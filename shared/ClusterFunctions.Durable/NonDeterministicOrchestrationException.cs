namespace ClusterFunctions.Durable;

/// <summary>Replay found orchestrator code that no longer matches the instance's recorded history.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
