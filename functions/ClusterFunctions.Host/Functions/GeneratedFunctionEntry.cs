using System.Collections.Concurrent;
using System.ComponentModel;
using Newtonsoft.Json.Linq;

namespace ClusterFunctions.Host.Functions;

/// <summary>
/// Where generated function methods land: public because emitted code calls it, keyed by host id so that several
/// hosts in one process (tests) each get their own calls. Not for application code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedFunctionEntry
{
    private static readonly ConcurrentDictionary<string, WorkerFunctionInvoker> Invokers = new(StringComparer.Ordinal);

    /// <summary>A function the host calls itself (HTTP, Service Bus).</summary>
    public static Task CallAsync(string hostId, string functionName, object?[] arguments) =>
        Find(hostId).CallAsync(functionName, arguments);

    /// <summary>An orchestrator episode: encoded <c>OrchestratorRequest</c> in, encoded <c>OrchestratorResponse</c> out.</summary>
    public static Task<string> OrchestratorAsync(string hostId, string functionName, object?[] arguments) =>
        Find(hostId).OrchestratorAsync(functionName, arguments);

    /// <summary>An activity: JSON input in, JSON output out (as a token, so the extension does not encode it twice).</summary>
    public static Task<JToken?> ActivityAsync(string hostId, string functionName, object?[] arguments) =>
        Find(hostId).ActivityAsync(functionName, arguments);

    internal static void Register(string hostId, WorkerFunctionInvoker invoker) => Invokers[hostId] = invoker;

    internal static void Unregister(string hostId) => Invokers.TryRemove(hostId, out _);

    private static WorkerFunctionInvoker Find(string hostId) =>
        Invokers.TryGetValue(hostId, out WorkerFunctionInvoker? invoker)
            ? invoker
            : throw new InvalidOperationException($"host {hostId} has stopped");
}
