namespace ClusterFunctions.Core.Events;

/// <summary>One step of a build as users see it: name, state, when it started and ended, and why it failed.</summary>
public sealed record StepRecord(
    string Name,
    StepState State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error);
