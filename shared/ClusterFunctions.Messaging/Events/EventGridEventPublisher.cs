using Azure.Messaging.EventGrid;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;
using AzureCloudEvent = Azure.Messaging.CloudEvent;

namespace ClusterFunctions.Messaging.Events;

/// <summary>Publishes completion events to an Event Grid topic as CloudEvents 1.0.</summary>
public sealed class EventGridEventPublisher(EventGridPublisherClient client, TimeProvider? timeProvider = null) : IEventPublisher
{
    readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public async Task PublishAsync(string eventType, ClusterEventData data, CancellationToken cancellationToken = default)
    {
        var cloudEvent = ClusterCloudEvents.Create(eventType, data, time.GetUtcNow());
        // Same id, subject and data JSON as the Service Bus topic carries, so subscribers see one event either way.
        var azureEvent = new AzureCloudEvent(
            cloudEvent.Source!.ToString(),
            eventType,
            BinaryData.FromObjectAsJson(cloudEvent.Data, ClusterCloudEvents.DataOptions),
            "application/json",
            Azure.Messaging.CloudEventDataFormat.Json)
        {
            Id = cloudEvent.Id!,
            Subject = data.ClusterName,
            Time = cloudEvent.Time,
        };
        await client.SendEventAsync(azureEvent, cancellationToken).ConfigureAwait(false);
    }
}
