using System.Diagnostics;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ClusterFunctions.Host.Worker;

/// <summary>A worker process that has initialised and loaded its functions: its stream, its own HTTP address for
/// proxied requests, and the ids it gave the functions this time (ids change when a worker restarts).</summary>
internal sealed record RunningWorker(Process Process, WorkerStream Stream, Uri? HttpUri, IReadOnlyDictionary<string, string> FunctionIds)
{
    public string FunctionId(string functionName) =>
        FunctionIds.TryGetValue(functionName, out string? id)
            ? id
            : throw new InvalidOperationException($"the worker no longer has a function named '{functionName}'");

    /// <summary>Sends one invocation and waits for its answer; throws <see cref="WorkerProcessExitException"/> when the
    /// worker dies first.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request)
    {
        var message = new StreamingMessage { InvocationRequest = request };
        return (await Stream.RequestAsync(message, AnswerKeys.Invocation(request.InvocationId), CancellationToken.None)).InvocationResponse;
    }
}
