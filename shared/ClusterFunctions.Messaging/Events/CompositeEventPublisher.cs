using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Messaging.Events;

/// <summary>Publishes each event to every configured destination (the Service Bus topic, and Event Grid when configured).</summary>
public sealed class CompositeEventPublisher(IEnumerable<IEventPublisher> publishers) : IEventPublisher
{
    readonly IReadOnlyList<IEventPublisher> all = publishers.ToList();

    public Task PublishAsync(string eventType, ClusterEventData data, CancellationToken cancellationToken = default) =>
        Task.WhenAll(all.Select(publisher => publisher.PublishAsync(eventType, data, cancellationToken)));
}
