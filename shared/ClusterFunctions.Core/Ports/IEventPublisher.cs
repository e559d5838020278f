using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Core.Ports;

/// <summary>Publishes completion events (ready, failed, deleted, step progress) to the teams that subscribe to them.</summary>
public interface IEventPublisher
{
    /// <summary>Publishes one event of a <see cref="ClusterEventTypes"/> type; its subject is the cluster name.</summary>
    Task PublishAsync(string eventType, ClusterEventData data, CancellationToken cancellationToken = default);
}
