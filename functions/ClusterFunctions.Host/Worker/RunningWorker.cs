using System.Diagnostics;

namespace ClusterFunctions.Host.Worker;

/// <summary>A worker process that has initialised and loaded its functions: its stream, its own HTTP address for
/// proxied requests, and the ids it gave the functions this time (ids change when a worker restarts).</summary>
internal sealed record RunningWorker(Process Process, WorkerStream Stream, Uri? HttpUri, IReadOnlyDictionary<string, string> FunctionIds)
{
    public string FunctionId(string functionName) =>
        FunctionIds.TryGetValue(functionName, out string? id)
            ? id
            : throw new InvalidOperationException($"the worker no longer has a function named '{functionName}'");
}
