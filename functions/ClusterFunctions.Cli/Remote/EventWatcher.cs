using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Messaging.Events;

namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// Subscribes to the events topic and hands back the completion event of one build, as a subscriber
/// sees it (Microsoft's client, peek-lock, complete after reading). Subscriptions are durable, so events
/// published before the receiver attaches still arrive.
/// </summary>
public sealed class EventWatcher(string connectionString, string topic = "cluster-events", string subscription = "all") : IAsyncDisposable
{
    private readonly ServiceBusClient client = new(connectionString);
    private ServiceBusReceiver? receiver;

    /// <summary>Every event as it arrives (structured CloudEvents JSON), until cancelled.</summary>
    public async IAsyncEnumerable<(string Type, string? Subject, string Json, ClusterEventData? Data)> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        receiver ??= client.CreateReceiver(topic, subscription);
        while (!cancellationToken.IsCancellationRequested)
        {
            var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1), cancellationToken);
            if (message is null)
            {
                continue;
            }

            await receiver.CompleteMessageAsync(message, cancellationToken);
            var cloudEvent = ClusterCloudEvents.Decode(message.Body.ToMemory());
            yield return (cloudEvent.Type ?? "", cloudEvent.Subject, message.Body.ToString(), ClusterCloudEvents.ReadData(cloudEvent));
        }
    }

    /// <summary>The first ready, failed or deleted event of this request.</summary>
    public async Task<(string Type, string Json)> WaitForCompletionAsync(string requestId, CancellationToken cancellationToken)
    {
        await foreach (var e in ReadAllAsync(cancellationToken))
        {
            if (e.Data?.RequestId == requestId && e.Type is ClusterEventTypes.Ready or ClusterEventTypes.Failed or ClusterEventTypes.Deleted)
            {
                return (e.Type, e.Json);
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }

        await client.DisposeAsync();
    }
}
