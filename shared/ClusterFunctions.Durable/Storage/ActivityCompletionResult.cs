namespace ClusterFunctions.Durable.Storage;

/// <summary>Per result whether it was accepted (false: lease lost, discarded), and the instances leased by the claim.</summary>
public sealed record ActivityCompletionResult(IReadOnlyList<bool> Accepted, IReadOnlyList<OrchestrationWorkItem> ClaimedOrchestrations);
