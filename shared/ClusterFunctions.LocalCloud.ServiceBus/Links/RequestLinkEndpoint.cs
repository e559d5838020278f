using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Management;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>The receiving end of a request link: hands each request to the node's handler and sends the answer to the reply-to link.</summary>
internal sealed class RequestLinkEndpoint(string node, IRequestHandler handler, ResponseLinks responses) : LinkEndpoint
{
    public override void OnMessage(MessageContext messageContext)
    {
        var request = messageContext.Message;
        var connection = messageContext.Link.Session.Connection;
        var responseLink = responses.Find(connection, node, request.Properties?.ReplyTo);
        if (responseLink is null)
        {
            messageContext.Complete(new Error(ErrorCode.NotFound)
            {
                Description = $"No response link for reply-to '{request.Properties?.ReplyTo}' on {node}: attach one first.",
            });
            return;
        }

        messageContext.Complete();
        var response = handler.Handle(request, connection);
        response.Properties ??= new Properties();
        response.Properties.SetCorrelationId(request.Properties?.GetMessageId()); // uuid or string, echoed as sent
        response.Properties.To = request.Properties?.ReplyTo;
        responseLink.SendMessage(response);
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }
}
