using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Messaging.Amqp;

namespace ClusterFunctions.Messaging.Events;

/// <summary>Publishes completion events as structured CloudEvents to a Service Bus topic (or a generic broker's address).</summary>
public sealed class ServiceBusEventPublisher(AmqpMessagingClient client, string topic, TimeProvider? timeProvider = null) : IEventPublisher
{
    readonly AmqpMessageSender sender = client.CreateSender(topic);
    readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public async Task PublishAsync(string eventType, ClusterEventData data, CancellationToken cancellationToken = default)
    {
        var cloudEvent = ClusterCloudEvents.Create(eventType, data, time.GetUtcNow());
        var message = new OutgoingMessage(ClusterCloudEvents.Encode(cloudEvent))
        {
            MessageId = cloudEvent.Id!,
            CorrelationId = data.RequestId,
            Subject = eventType,
            ContentType = ClusterCloudEvents.StructuredContentType,
            ApplicationProperties =
            {
                ["cloudEvents_type"] = eventType,
                ["cloudEvents_subject"] = data.ClusterName,
                ["cloudEvents_source"] = ClusterEventTypes.Source,
            },
        };
        await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
