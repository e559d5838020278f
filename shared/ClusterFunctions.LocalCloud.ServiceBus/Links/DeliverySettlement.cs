using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Maps a receiver's outcome on a delivery to Service Bus settlement of the locked message.</summary>
internal static class DeliverySettlement
{
    const string DeadLetterCondition = "com.microsoft:dead-letter";

    /// <summary>The lock token of a message the emulator delivered (Service Bus also makes it the delivery tag).</summary>
    public static Guid? LockTokenOf(Message message) => message.MessageAnnotations?[MessageCodec.LockToken] as Guid?;

    public static void Settle(MessageEntity entity, DispositionContext dispositionContext)
    {
        if (LockTokenOf(dispositionContext.Message) is not { } lockToken)
        {
            return;
        }

        var state = dispositionContext.DeliveryState;
        var held = state switch
        {
            Accepted => entity.Complete(lockToken),
            Rejected rejected => DeadLetter(entity, lockToken, rejected.Error),
            Modified { UndeliverableHere: true } deferred => entity.Defer(lockToken, deferred.MessageAnnotations),
            Modified modified => entity.Abandon(lockToken, modified.MessageAnnotations),
            _ => entity.Abandon(lockToken, null), // Released, or a send that never reached the client
        };

        if (!dispositionContext.Settled)
        {
            // A receiver in rcv-settle-mode second (the Azure SDKs) waits for the broker to settle and
            // reads any error on the answer as a failure: echo the outcome without the client's own
            // error (the dead-letter reason), or say the lock was lost, as Service Bus does.
            DeliveryState answer = held
                ? state switch { Rejected => new Rejected(), null => new Released(), _ => state }
                : new Rejected { Error = new Error(new Symbol("com.microsoft:message-lock-lost")) { Description = "The lock supplied is invalid: it expired or the message was settled." } };
            dispositionContext.Link.DisposeMessage(dispositionContext.Message, answer, true);
        }
    }

    static bool DeadLetter(MessageEntity entity, Guid lockToken, Error? error)
    {
        var (reason, description) = DeadLetterFields(error);
        return entity.DeadLetter(lockToken, reason, description);
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
