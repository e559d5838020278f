using Amqp.Framing;
using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>The sending end of a response link: answers are pre-settled, and the link leaves the registry when it closes.</summary>
internal sealed class ResponseLinkEndpoint(ResponseLinks registry) : LinkEndpoint
{
    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }

    public override void OnLinkClosed(ListenerLink link, Error error) => registry.Remove(link);
}
