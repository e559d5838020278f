using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Bench.Chaos;

/// <summary>
/// A downstream subscriber on <c>cluster-events</c> that keeps every completion event it receives, duplicates
/// included, so the harness can count deliveries and distinct event ids per build. It keeps receiving across a
/// restart of the Service Bus emulator: the client reconnects, and a failed receive is retried.
/// </summary>
internal sealed class EventLedger : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<Completion>> _byRequest = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ServiceBusClient _client;
    private readonly Task _listening;

    public EventLedger(string connectionString, string topic, string subscription)
    {
        _client = new ServiceBusClient(connectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 10, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2) },
        });
        _listening = ListenAsync(topic, subscription);
    }

    /// <summary>One completion event as delivered.</summary>
    public sealed record Completion(string EventId, string Type, string? FailedStep, string? Cause, DateTimeOffset? FailedAt);

    /// <summary>Receive errors survived (the emulator restarting).</summary>
    public int ReceiveErrors { get; private set; }

    public IReadOnlyCollection<Completion> For(string requestId) =>
        _byRequest.TryGetValue(requestId, out var completions) ? completions.ToArray() : [];

    private async Task ListenAsync(string topic, string subscription)
    {
        await using ServiceBusReceiver receiver = _client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { PrefetchCount = 20 });
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                ServiceBusReceivedMessage? message = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500), _stop.Token);
                if (message is null)
                {
                    continue;
                }

                Record(JsonNode.Parse(message.Body.ToString())!);
                await receiver.CompleteMessageAsync(message, CancellationToken.None);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is ServiceBusException or OperationCanceledException or InvalidOperationException)
            {
                // The emulator is restarting; an uncompleted message comes again (at-least-once), which is counted.
                ReceiveErrors++;
                await Task.Delay(500);
            }
        }
    }

    private void Record(JsonNode cloudEvent)
    {
        string type = cloudEvent["type"]!.GetValue<string>();
        if (type is not (ClusterEventTypes.Ready or ClusterEventTypes.Failed))
        {
            return;
        }

        JsonNode data = cloudEvent["data"]!;
        string? failedStep = data["failure"]?["step"]?.GetValue<string>();
        JsonNode? step = data["steps"]?.AsArray().FirstOrDefault(s => s?["name"]?.GetValue<string>() == failedStep);
        _byRequest.GetOrAdd(data["requestId"]!.GetValue<string>(), _ => []).Add(new Completion(
            cloudEvent["id"]!.GetValue<string>(), type, failedStep, data["failure"]?["cause"]?.GetValue<string>(),
            step?["completedAt"]?.GetValue<DateTimeOffset>()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listening;
        await _client.DisposeAsync();
    }
}
