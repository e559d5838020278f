using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Feeds a receive link from an entity under peek-lock and maps the client's outcomes to Service Bus settlement.</summary>
internal sealed class EntityMessageSource(MessageEntity entity) : IMessageSource
{
    const string DeadLetterCondition = "com.microsoft:dead-letter";

    public async Task<ReceiveContext> GetMessageAsync(ListenerLink link)
    {
        var locked = await entity.LockNextAsync(link).ConfigureAwait(false);
        if (locked is null)
        {
            return null!; // the link closed while waiting; AMQPNetLite's loop then stops
        }

        return new ReceiveContext(link, MessageCodec.ForDelivery(locked)) { UserToken = locked };
    }

    public void DisposeMessage(ReceiveContext receiveContext, DispositionContext dispositionContext)
    {
        var locked = (LockedMessage)receiveContext.UserToken;
        switch (dispositionContext.DeliveryState)
        {
            case Accepted:
                entity.Complete(locked.LockToken);
                break;
            case Rejected rejected:
                var (reason, description) = DeadLetterFields(rejected.Error);
                entity.DeadLetter(locked.LockToken, reason, description);
                break;
            case Modified modified:
                entity.Abandon(locked.LockToken, modified.MessageAnnotations);
                break;
            default:
                // Released, or a send that never reached the client.
                entity.Abandon(locked.LockToken, null);
                break;
        }

        if (!dispositionContext.Settled)
        {
            dispositionContext.Complete();
        }
    }

    static (string? Reason, string? Description) DeadLetterFields(Error? error)
    {
        if (error is null)
        {
            return (null, null);
        }

        if (error.Condition.ToString() == DeadLetterCondition)
        {
            return (error.Info?[new Symbol("DeadLetterReason")] as string, error.Info?[new Symbol("DeadLetterErrorDescription")] as string);
        }

        return (error.Condition.ToString(), error.Description);
    }
}
