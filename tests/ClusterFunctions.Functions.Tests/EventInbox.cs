using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A subscriber of the events topic, as a downstream team's service would be: it receives every
/// CloudEvent from the "all" subscription and lets a test wait for the one of its request.
/// </summary>
public sealed class EventInbox : IAsyncDisposable
{
    private readonly ServiceBusClient client;
    private readonly ServiceBusReceiver receiver;
    private readonly ConcurrentQueue<JsonObject> received = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    public EventInbox(string connectionString)
    {
        client = new ServiceBusClient(connectionString);
        receiver = client.CreateReceiver("cluster-events", "all");
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
                var message = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(200), cancel.Token);
                if (message is not null)
                {
                    await receiver.CompleteMessageAsync(message, cancel.Token);
                    received.Enqueue(JsonNode.Parse(message.Body.ToString())!.AsObject());
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Takes in every event the subscription holds now: the receive that finds none ends it.</summary>
    public async Task DrainAsync()
    {
        await gate.WaitAsync();
        try
        {
            while (await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)) is { } message)
            {
                await receiver.CompleteMessageAsync(message);
                received.Enqueue(JsonNode.Parse(message.Body.ToString())!.AsObject());
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await receiver.DisposeAsync();
        await client.DisposeAsync();
    }
}
