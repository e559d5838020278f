using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Messaging.Amqp;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A subscriber of the events topic, as a downstream team's service would be: it receives every
/// CloudEvent from the "all" subscription and lets a test wait for the one of its request.
/// </summary>
public sealed class EventInbox : IAsyncDisposable
{
    private readonly AmqpMessagingClient client;
    private readonly AmqpMessageReceiver receiver;
    private readonly ConcurrentQueue<JsonObject> received = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    public EventInbox(string connectionString)
    {
        client = new AmqpMessagingClient(new AmqpMessagingOptions { ConnectionString = connectionString });
        receiver = client.CreateReceiver(EntityPaths.Subscription("cluster-events", "all"));
    }

    /// <summary>Every event seen so far (for assertions on "exactly one" and "none with credentials").</summary>
    public IReadOnlyCollection<JsonObject> All => received;

    /// <summary>Waits for an event of <paramref name="type"/> whose data carries <paramref name="requestId"/>.</summary>
    public async Task<JsonObject> WaitForAsync(string type, string requestId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var match = received.FirstOrDefault(e => e["type"]?.ToString() == type && e["data"]?["requestId"]?.ToString() == requestId);
            if (match is not null)
            {
                return match;
            }

            await gate.WaitAsync(cancel.Token);
            try
            {
                var message = await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(200), cancel.Token);
                if (message is not null)
                {
                    await receiver.CompleteAsync(message, cancel.Token);
                    received.Enqueue(JsonNode.Parse(Encoding.UTF8.GetString(message.Body.Span))!.AsObject());
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await client.DisposeAsync();
    }
}
