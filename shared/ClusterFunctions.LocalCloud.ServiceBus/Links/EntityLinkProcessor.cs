using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Security;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Attaches send and receive links to entities, after checking the connection was authorised for them.</summary>
internal sealed class EntityLinkProcessor(EntityRegistry registry, ConnectionGrants grants, int maxMessageSizeBytes) : ILinkProcessor
{
    const int SendCredit = 300;

    public void Process(AttachContext attachContext)
    {
        var attach = attachContext.Attach;
        var clientReceives = attach.Role;
        var address = clientReceives ? (attach.Source as Source)?.Address : (attach.Target as Target)?.Address;
        var path = EntityRegistry.Normalize(address);
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
