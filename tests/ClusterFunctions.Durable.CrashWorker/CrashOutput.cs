namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>The orchestration output: the sum and which execution produced each task's result.</summary>
public sealed record CrashOutput(long Sum, IReadOnlyList<CrashWorkResult> Results);
