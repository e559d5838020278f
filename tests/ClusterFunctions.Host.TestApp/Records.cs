namespace ClusterFunctions.Host.TestApp;

/// <summary>Input of the fan-out orchestration.</summary>
public sealed record FanOutRequest(int Count, int? CrashWorkerAt);

/// <summary>Input of one activity.</summary>
public sealed record SquareRequest(int Value, bool CrashWorker);

/// <summary>Output of the fan-out orchestration.</summary>
public sealed record FanOutResult(int Sum, int Activities);
