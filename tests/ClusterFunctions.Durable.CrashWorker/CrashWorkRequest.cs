namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>One activity of the crash run: orchestration index and task index.</summary>
public sealed record CrashWorkRequest(int Index, int Task);
