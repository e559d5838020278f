using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Management;
using ClusterFunctions.LocalCloud.ServiceBus.Security;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Attaches every link: request/response nodes, and send and receive links to entities after checking the connection was authorised for them.</summary>
internal sealed class EntityLinkProcessor(
    EntityRegistry registry,
    IReadOnlyDictionary<string, IRequestHandler> nodes,
    ConnectionGrants grants,
    int maxMessageSizeBytes) : ILinkProcessor
{
    const int SendCredit = 300;
    const int RequestCredit = 100;

    readonly ResponseLinks responses = new();

    public void Process(AttachContext attachContext)
    {
        var attach = attachContext.Attach;
        var clientReceives = attach.Role;
        var address = clientReceives ? (attach.Source as Source)?.Address : (attach.Target as Target)?.Address;
        var path = EntityRegistry.Normalize(address);
        // The answer echoes the client's attach; the SDKs size batches by the broker's max-message-size.
        attach.MaxMessageSize = (ulong)maxMessageSizeBytes;
        if (nodes.TryGetValue(path, out var handler))
        {
            // $cbs and $management: open to every connection; the handlers check what they need.
            if (clientReceives)
            {
                responses.Add(attachContext.Link, path, (attach.Target as Target)?.Address);
                attachContext.Complete(new ResponseLinkEndpoint(responses), 0);
            }
            else
            {
                attachContext.Complete(new RequestLinkEndpoint(path, handler, responses), RequestCredit);
            }

            return;
        }
        if (!grants.IsAuthorized(attachContext.Link.Session.Connection, path))
        {
            attachContext.Complete(new Error(ErrorCode.UnauthorizedAccess)
            {
                Description = $"Unauthorized access to '{path}': put a token for it on $cbs first.",
            });
            return;
        }

        if (clientReceives && registry.TryGetReceivable(path, out var entity))
        {
            attachContext.Complete(new EntitySourceEndpoint(entity, attachContext.Link), 0);
            return;
        }

        if (!clientReceives && registry.TryGetTarget(path, out var target))
        {
            attachContext.Complete(new EntityTargetEndpoint(target, maxMessageSizeBytes), SendCredit);
            return;
        }

        attachContext.Complete(new Error(ErrorCode.NotFound)
        {
            Description = $"The messaging entity '{path}' could not be found.",
        });
    }
}
