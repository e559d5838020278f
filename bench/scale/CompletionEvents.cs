using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Bench.Scale;

/// <summary>A subscriber on the events topic that timestamps each build's completion event by request id.</summary>
internal sealed class CompletionEvents : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(string Type, long Ticks)>> _waiting = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceBusClient _client;
    private readonly Task _listening;

    public CompletionEvents(string connectionString, string topic, string subscription)
    {
        _client = new ServiceBusClient(connectionString);
        _listening = ListenAsync(topic, subscription);
    }

    /// <summary>The completion event's type and arrival time of <paramref name="requestId"/>, when it comes.</summary>
    public Task<(string Type, long Ticks)> ForAsync(string requestId) => Entry(requestId).Task;

    private TaskCompletionSource<(string, long)> Entry(string requestId) =>
        _waiting.GetOrAdd(requestId, _ => new TaskCompletionSource<(string, long)>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ListenAsync(string topic, string subscription)
    {
        await using ServiceBusReceiver receiver = _client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { PrefetchCount = 50 });
        while (!_stop.IsCancellationRequested)
        {
            ServiceBusReceivedMessage? message;
            try
            {
                message = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (message is null)
            {
                continue;
            }

            long arrived = Stopwatch.GetTimestamp();
            await receiver.CompleteMessageAsync(message, CancellationToken.None);
            JsonNode cloudEvent = JsonNode.Parse(message.Body.ToString())!;
            string type = cloudEvent["type"]!.GetValue<string>();
            if (type is ClusterEventTypes.Ready or ClusterEventTypes.Failed)
            {
                Entry(cloudEvent["data"]!["requestId"]!.GetValue<string>()).TrySetResult((type, arrived));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening;
        await _client.DisposeAsync();
    }
}
