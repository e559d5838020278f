using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Which terminated builds to look at: those terminated at or after <paramref name="Since"/>, except the ones already announced.</summary>
public sealed record FindTerminatedBuildsRequest(DateTimeOffset Since, IReadOnlyList<AnnouncedTermination> Announced);
