using Amqp.Handler;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Makes each delivery's tag its 16-byte lock token, which is how Service Bus clients learn lock tokens.</summary>
internal sealed class LockTokenHandler : IHandler
{
    public static readonly LockTokenHandler Instance = new();

    public bool CanHandle(EventId id) => id == EventId.SendDelivery;

    public void Handle(Event protocolEvent)
    {
        if (protocolEvent.Id == EventId.SendDelivery
            && protocolEvent.Context is IDelivery { Message: { } message } delivery
            && DeliverySettlement.LockTokenOf(message) is { } lockToken)
        {
            delivery.Tag = lockToken.ToByteArray();
        }
    }
}
