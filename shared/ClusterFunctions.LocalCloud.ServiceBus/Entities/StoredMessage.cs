namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>A message held by an entity: its encoded AMQP bytes plus the broker-side state Service Bus keeps.</summary>
internal sealed class StoredMessage(long sequenceNumber, byte[] payload, DateTimeOffset enqueuedTime, DateTimeOffset? scheduledTime)
{
    public long SequenceNumber { get; } = sequenceNumber;

    /// <summary>The message as the sender encoded it (dead-lettering rewrites it with the reason).</summary>
    public byte[] Payload { get; set; } = payload;

    public DateTimeOffset EnqueuedTime { get; } = enqueuedTime;

    public DateTimeOffset? ScheduledTime { get; } = scheduledTime;

    /// <summary>Times the message was handed out under a lock.</summary>
    public int DeliveryCount { get; set; }
}
