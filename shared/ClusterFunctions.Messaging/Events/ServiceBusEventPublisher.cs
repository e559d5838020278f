using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Messaging.Events;

/// <summary>Publishes completion events as structured CloudEvents to a Service Bus topic with Microsoft's client.</summary>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender, TimeProvider? timeProvider = null) : IEventPublisher
{
    readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public async Task PublishAsync(string eventType, ClusterEventData data, CancellationToken cancellationToken = default)
    {
        var cloudEvent = ClusterCloudEvents.Create(eventType, data, time.GetUtcNow());
        // The message id is the event id, so a retried activity's resend is dropped by duplicate detection where the
        // topic has it, and subscribers can deduplicate on it where it has not.
        var message = new ServiceBusMessage(ClusterCloudEvents.Encode(cloudEvent))
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
        await sender.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
