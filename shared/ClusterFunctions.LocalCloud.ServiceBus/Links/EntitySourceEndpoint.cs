using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>A receive link on an entity (or on one session of it); when it closes, its waiting receives end and its locks are given back.</summary>
internal sealed class EntitySourceEndpoint(MessageEntity entity, ListenerLink link, string? sessionId)
    : SourceLinkEndpoint(new EntityMessageSource(entity, sessionId), link)
{
    public override void OnFlow(FlowContext flowContext)
    {
        // The Azure SDKs end every timed receive with a drain: stop waiting so the drain is answered now.
        if (flowContext.Link.IsDraining)
        {
            entity.StopWaiting(flowContext.Link);
        }

        base.OnFlow(flowContext);
    }

    public override void OnLinkClosed(ListenerLink link, Error error) => entity.DetachLink(link);
}
