namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>Which orchestration of the crash run this is and how wide it fans out.</summary>
public sealed record CrashInput(int Index, int Width);
