using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>A receive link on an entity; when it closes, its waiting receives end and its locks are given back.</summary>
internal sealed class EntitySourceEndpoint(MessageEntity entity, ListenerLink link)
    : SourceLinkEndpoint(new EntityMessageSource(entity), link)
{
    public override void OnLinkClosed(ListenerLink link, Error error) => entity.DetachLink(link);
}
