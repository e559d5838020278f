using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Feeds a receive link from an entity under peek-lock and maps the client's outcomes to Service Bus settlement.</summary>
internal sealed class EntityMessageSource(MessageEntity entity, string? sessionId) : IMessageSource
{
    const string DeadLetterCondition = "com.microsoft:dead-letter";

    public async Task<ReceiveContext> GetMessageAsync(ListenerLink link)
    {
        var locked = await entity.LockNextAsync(link, sessionId).ConfigureAwait(false);
        if (locked is null)
        {
            return null!; // the link closed while waiting; AMQPNetLite's loop then stops
        }

        var message = MessageCodec.ForDelivery(locked);
        if (link.SettleOnSend)
        {
            // Receive-and-delete: the transfer is pre-settled, so the message is gone once handed out.
            entity.Complete(locked.LockToken);
        }

        return new ReceiveContext(link, message) { UserToken = locked };
    }

    public void DisposeMessage(ReceiveContext receiveContext, DispositionContext dispositionContext)
    {
        var locked = (LockedMessage)receiveContext.UserToken;
        var state = dispositionContext.DeliveryState;
        var held = state switch
        {
            Accepted => entity.Complete(locked.LockToken),
            Rejected rejected => DeadLetter(locked, rejected.Error),
            Modified { UndeliverableHere: true } deferred => entity.Defer(locked.LockToken, deferred.MessageAnnotations),
            Modified modified => entity.Abandon(locked.LockToken, modified.MessageAnnotations),
            _ => entity.Abandon(locked.LockToken, null), // Released, or a send that never reached the client
        };

        if (!dispositionContext.Settled)
        {
            // A receiver in rcv-settle-mode second (the Azure SDKs) waits for the broker to settle and
            // reads any error on the answer as a failure: echo the outcome without the client's own
            // error (the dead-letter reason), or say the lock was lost, as Service Bus does.
            DeliveryState answer = held
                ? state switch { Rejected => new Rejected(), null => new Released(), _ => state }
                : new Rejected { Error = new Error(new Symbol("com.microsoft:message-lock-lost")) { Description = "The lock supplied is invalid: it expired or the message was settled." } };
            dispositionContext.Link.DisposeMessage(receiveContext.Message, answer, true);
        }
    }

    bool DeadLetter(LockedMessage locked, Error? error)
    {
        var (reason, description) = DeadLetterFields(error);
        return entity.DeadLetter(locked.LockToken, reason, description);
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
