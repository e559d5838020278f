namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// What one look for terminated builds found: those owing an event, the latest termination time seen (announced or
/// not; null when none), and the configured wait before the next look (read each turn, so a changed setting applies
/// without restarting the announcer).
/// </summary>
public sealed record TerminatedBuildsResult(IReadOnlyList<TerminatedBuild> Owed, DateTimeOffset? Latest, TimeSpan PollInterval);
