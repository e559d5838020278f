using System.Collections.Concurrent;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Worker;

/// <summary>
/// One worker's open <c>EventStream</c>: sends host messages (one writer at a time, as gRPC requires) and matches the
/// worker's answers to the requests waiting for them. When the stream ends every waiting request fails with
/// <see cref="WorkerProcessExitException"/>, so callers can tell a dead worker from a failed function.
/// </summary>
internal sealed class WorkerStream
{
    private readonly IServerStreamWriter<StreamingMessage> _writer;
    private readonly ILogger _workerLog;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WorkerStream(string workerId, IServerStreamWriter<StreamingMessage> writer, ILogger workerLog)
    {
        WorkerId = workerId;
        _writer = writer;
        _workerLog = workerLog;
    }

    public string WorkerId { get; }

    /// <summary>Completes when the worker's side of the stream has ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Sends <paramref name="request"/> and waits for the answer that <paramref name="answerKey"/> names:
    /// the kind of answer for one-off requests, the function or invocation id for the others.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, string answerKey, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(answerKey, answer))
        {
            throw new InvalidOperationException($"a request for '{answerKey}' is already waiting on worker {WorkerId}");
        }

        try
        {
            if (Closed.IsCompleted)
            {
                throw new WorkerProcessExitException($"worker {WorkerId} is gone");
            }

            await SendAsync(request, cancellationToken);
            return await answer.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(answerKey, out _);
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _writer.WriteAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or RpcException)
        {
            throw new WorkerProcessExitException($"worker {WorkerId} stopped reading: {e.Message}");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Routes one message from the worker.</summary>
    public void Receive(StreamingMessage message)
    {
        string? key = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.WorkerInitResponse => AnswerKeys.Init,
            StreamingMessage.ContentOneofCase.FunctionMetadataResponse => AnswerKeys.Metadata,
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => AnswerKeys.Load(message.FunctionLoadResponse.FunctionId),
            StreamingMessage.ContentOneofCase.InvocationResponse => AnswerKeys.Invocation(message.InvocationResponse.InvocationId),
            _ => null,
        };
        if (key is not null)
        {
            if (_pending.TryGetValue(key, out TaskCompletionSource<StreamingMessage>? waiting))
            {
                waiting.TrySetResult(message);
            }

            return;
        }

        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            // RpcLog's levels are LogLevel's, Trace 0 to None 6. The worker already rendered its template; the
            // category tells where it came from.
            RpcLog entry = message.RpcLog;
            _workerLog.Log((LogLevel)entry.Level, "[{Category}] {Message}{Exception}", entry.Category, entry.Message,
                entry.Exception is { } e ? $" {e.Message}" : "");
        }
    }

    /// <summary>Marks the stream ended and fails every request still waiting.</summary>
    public void Close(string reason)
    {
        _closed.TrySetResult();
        foreach (TaskCompletionSource<StreamingMessage> waiting in _pending.Values)
        {
            waiting.TrySetException(new WorkerProcessExitException($"worker {WorkerId} is gone: {reason}"));
        }
    }
}
