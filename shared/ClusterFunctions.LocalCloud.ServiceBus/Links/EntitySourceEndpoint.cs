using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>
/// A receive link on an entity (or on one session of it). One pump at a time hands out messages while the client's
/// credit (<see cref="ListenerLinkCredit"/>) allows, and a drain is always answered, also when no credit is left,
/// which the Azure SDKs wait for at the end of every timed receive. When the link closes, its locks are given back.
/// </summary>
internal sealed class EntitySourceEndpoint(MessageEntity entity, ListenerLink link, string? sessionId) : LinkEndpoint
{
    readonly object sync = new();
    readonly ListenerLinkCredit credit = new(link);
    bool pumping;

    public override void OnFlow(FlowContext flowContext)
    {
        credit.Apply(flowContext.Messages);
        if (link.IsDraining)
        {
            entity.StopWaiting(link);
        }

        lock (sync)
        {
            if (pumping)
            {
                return;
            }

            if (credit.Available <= 0)
            {
                if (link.IsDraining)
                {
                    link.CompleteDrain();
                }

                return;
            }

            pumping = true;
        }

        _ = Task.Run(PumpAsync);
    }

    public override void OnDisposition(DispositionContext dispositionContext) => DeliverySettlement.Settle(entity, dispositionContext);

    public override void OnLinkClosed(ListenerLink link, Error error) => entity.DetachLink(link);

    async Task PumpAsync()
    {
        while (!link.IsClosed)
        {
            var locked = await entity.LockNextAsync(link, sessionId).ConfigureAwait(false);
            if (locked is null)
            {
                lock (sync)
                {
                    if (link.IsDraining || link.IsClosed)
                    {
                        link.CompleteDrain();
                        pumping = false;
                        return;
                    }
                }

                continue;
            }

            lock (sync)
            {
                // A flow may have taken the credit back while this message was being locked.
                if (credit.Available <= 0)
                {
                    entity.Release(locked.LockToken);
                    if (link.IsDraining)
                    {
                        link.CompleteDrain();
                    }

                    pumping = false;
                    return;
                }
            }

            if (link.SettleOnSend)
            {
                // Receive-and-delete: the transfer is pre-settled, so the message is gone once handed out.
                entity.Complete(locked.LockToken);
            }

            try
            {
                link.SendMessage(MessageCodec.ForDelivery(locked));
            }
            catch (Exception exception) when (exception is Amqp.AmqpException or ObjectDisposedException or InvalidOperationException)
            {
                entity.Release(locked.LockToken);
                lock (sync)
                {
                    pumping = false;
                }

                return;
            }

            lock (sync)
            {
                if (credit.Available <= 0)
                {
                    if (link.IsDraining)
                    {
                        link.CompleteDrain();
                    }

                    pumping = false;
                    return;
                }
            }
        }

        lock (sync)
        {
            pumping = false;
        }
    }
}
