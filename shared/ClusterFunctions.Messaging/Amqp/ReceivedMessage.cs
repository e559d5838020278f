using Amqp.Types;
using AmqpMessage = Amqp.Message;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>A message received under peek-lock; settle it through the receiver that returned it.</summary>
public sealed class ReceivedMessage
{
    internal ReceivedMessage(AmqpMessage message, object link, Guid lockToken, ReadOnlyMemory<byte> body)
    {
        Native = message;
        Link = link;
        LockToken = lockToken;
        Body = body;
        var properties = message.Properties;
        // Ids may be strings, uuids or numbers on the wire (other SDKs send uuids); read them all as text.
        MessageId = properties?.GetMessageId()?.ToString();
        CorrelationId = properties?.GetCorrelationId()?.ToString();
        Subject = properties?.Subject;
        ContentType = properties?.ContentType?.ToString();
        var annotations = message.MessageAnnotations;
        SequenceNumber = annotations?[new Symbol("x-opt-sequence-number")] is long sequence ? sequence : null;
        LockedUntil = annotations?[new Symbol("x-opt-locked-until")] is DateTime until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null;
        EnqueuedTime = annotations?[new Symbol("x-opt-enqueued-time")] is DateTime enqueued ? new DateTimeOffset(DateTime.SpecifyKind(enqueued, DateTimeKind.Utc)) : null;
        DeliveryCount = (int)(message.Header?.DeliveryCount ?? 0) + 1;
        var applicationProperties = new Dictionary<string, object>(StringComparer.Ordinal);
        if (message.ApplicationProperties is { } map)
        {
            foreach (var pair in map.Map)
            {
                applicationProperties[pair.Key.ToString()!] = pair.Value;
            }
        }

        ApplicationProperties = applicationProperties;
    }

    /// <summary>The body bytes (a data section, or the UTF-8 of a string value).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public string? MessageId { get; }

    public string? CorrelationId { get; }

    public string? Subject { get; }

    public string? ContentType { get; }

    public IReadOnlyDictionary<string, object> ApplicationProperties { get; }

    /// <summary>How many times the broker has handed the message out, this time included (always 1 on RabbitMQ, which does not count).</summary>
    public int DeliveryCount { get; }

    /// <summary>Service Bus sequence number, when the broker stamps one.</summary>
    public long? SequenceNumber { get; }

    /// <summary>When the peek-lock ends, when the broker says.</summary>
    public DateTimeOffset? LockedUntil { get; internal set; }

    public DateTimeOffset? EnqueuedTime { get; }

    /// <summary>The lock token (the delivery tag as a GUID, as Service Bus does).</summary>
    public Guid LockToken { get; }

    /// <summary>The dead-letter reason Service Bus recorded, on messages read from a dead-letter queue.</summary>
    public string? DeadLetterReason => ApplicationProperties.TryGetValue("DeadLetterReason", out var reason) ? reason as string : null;

    /// <summary>The dead-letter description Service Bus recorded.</summary>
    public string? DeadLetterErrorDescription => ApplicationProperties.TryGetValue("DeadLetterErrorDescription", out var text) ? text as string : null;

    internal AmqpMessage Native { get; }

    internal object Link { get; }
}
