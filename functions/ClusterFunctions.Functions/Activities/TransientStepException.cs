namespace ClusterFunctions.Functions.Activities;

/// <summary>A step failed for a reason that may pass (throttling, 5xx, unreachable); the orchestrator's retry policy retries only these.</summary>
public sealed class TransientStepException(string message, Exception inner) : Exception(message, inner);
