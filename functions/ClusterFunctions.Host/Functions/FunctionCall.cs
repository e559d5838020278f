using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ClusterFunctions.Host.Functions;

/// <summary>
/// The trigger value of a function the host calls itself: what the worker gets as the trigger binding and trigger
/// metadata, and how the call runs around the invocation (an HTTP call proxies the request alongside it).
/// </summary>
internal abstract class FunctionCall
{
    public abstract TypedData TriggerData { get; }

    public abstract IReadOnlyDictionary<string, TypedData> TriggerMetadata { get; }

    /// <summary>W3C traceparent to continue, if the caller sent one.</summary>
    public virtual string? TraceParent => null;

    /// <summary>Runs the call: <paramref name="invoke"/> sends the invocation to <paramref name="worker"/> and
    /// returns its answer.</summary>
    public abstract Task RunAsync(Worker.RunningWorker worker, string invocationId, Func<Task<InvocationResponse>> invoke);
}
