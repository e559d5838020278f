namespace ClusterFunctions.Core.Ports;

/// <summary>The outcome of starting a delete; safe to store in orchestration history.</summary>
public sealed record InfrastructureDeleteResult(InfrastructureDeleteOutcome Outcome, string? ResourceId);
