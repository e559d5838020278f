namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>A message held by an entity: its encoded AMQP bytes plus the broker-side state Service Bus keeps.</summary>
internal sealed class StoredMessage
{
    public StoredMessage(long sequenceNumber, byte[] payload, DateTimeOffset enqueuedTime, DateTimeOffset? scheduledTime)
    {
        SequenceNumber = sequenceNumber;
        Payload = payload;
        EnqueuedTime = enqueuedTime;
        ScheduledTime = scheduledTime;
        var message = MessageCodec.Decode(payload);
        SessionId = message.Properties?.GroupId;
        TimeToLive = message.Header is { Ttl: > 0 } header ? TimeSpan.FromMilliseconds(header.Ttl) : null;
    }

    public long SequenceNumber { get; }

    /// <summary>The message as the sender encoded it (dead-lettering rewrites it with the reason).</summary>
    public byte[] Payload { get; set; }

    public DateTimeOffset EnqueuedTime { get; }

    public DateTimeOffset? ScheduledTime { get; }

    /// <summary>The sender's session id (AMQP group-id); null outside sessions.</summary>
    public string? SessionId { get; }

    /// <summary>The sender's time to live (AMQP header ttl); null means the entity's default.</summary>
    public TimeSpan? TimeToLive { get; }

    /// <summary>Times the message was handed out under a lock.</summary>
    public int DeliveryCount { get; set; }

    /// <summary>Set aside by its receiver: only receive-by-sequence-number reaches it.</summary>
    public bool Deferred { get; set; }
}
