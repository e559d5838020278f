namespace ClusterFunctions.Core.Events;

/// <summary>
/// One step of a build as users see it: name, state, when it started and ended, why it failed, and while it runs,
/// what it is waiting for and for how long of its limit (a cloud operation, a readiness gate, an approval).
/// </summary>
public sealed record StepRecord(
    string Name,
    StepState State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    string? Waiting = null);
