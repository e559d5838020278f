using System.Collections.Concurrent;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Worker;

/// <summary>
/// The host's side of the Functions host protocol: the worker dials in, says <c>StartStream</c> with the worker id
/// the host gave it, and from then on the stream belongs to whoever waits for that id.
/// </summary>
internal sealed class WorkerChannel : FunctionRpc.FunctionRpcBase
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WorkerStream>> _expected = new(StringComparer.Ordinal);
    private readonly ILogger _log;
    private readonly ILogger _workerLog;

    public WorkerChannel(ILoggerFactory loggerFactory)
    {
        _log = loggerFactory.CreateLogger("ClusterFunctions.Host.Worker");
        _workerLog = loggerFactory.CreateLogger("Worker");
    }

    /// <summary>Waits until the worker started with <paramref name="workerId"/> opens its stream.</summary>
    public async Task<WorkerStream> WaitForWorkerAsync(string workerId, CancellationToken cancellationToken)
    {
        TaskCompletionSource<WorkerStream> arrival = _expected.GetOrAdd(
            workerId, _ => new TaskCompletionSource<WorkerStream>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            return await arrival.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _expected.TryRemove(workerId, out _);
        }
    }

    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) ||
            requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first message must be StartStream"));
        }

        string workerId = requestStream.Current.StartStream.WorkerId;
        if (!_expected.TryGetValue(workerId, out TaskCompletionSource<WorkerStream>? arrival))
        {
            // Only workers this host started may connect: an unknown id is a stray process, not ours.
            _log.LogWarning("Refused a worker stream from unknown worker id {WorkerId}", workerId);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"unknown worker id '{workerId}'"));
        }

        var stream = new WorkerStream(workerId, responseStream, _workerLog);
        arrival.TrySetResult(stream);
        string reason = "its stream ended";
        try
        {
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                stream.Receive(requestStream.Current);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or RpcException)
        {
            reason = e.Message;
        }
        finally
        {
            stream.Close(reason);
        }
    }
}
