namespace ClusterFunctions.Core.Events;

/// <summary>Why a build failed: the failing step, the cause, and what was cleaned up afterwards.</summary>
public sealed record FailureRecord(string Step, string Cause, IReadOnlyList<string> CleanedUp);
