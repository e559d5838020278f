namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>An activity result with the nonce of the execution that produced it.</summary>
public sealed record CrashWorkResult(int Task, long Value, string Nonce);
