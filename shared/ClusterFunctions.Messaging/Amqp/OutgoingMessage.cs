namespace ClusterFunctions.Messaging.Amqp;

/// <summary>A message to send: body bytes plus the Service Bus properties the product uses.</summary>
public sealed class OutgoingMessage(ReadOnlyMemory<byte> body)
{
    /// <summary>The body, sent as one AMQP data section.</summary>
    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Message id; duplicate detection works on it. A new GUID when not set.</summary>
    public string MessageId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>Correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Subject (Service Bus "Label"); RabbitMQ's exchanges route on it.</summary>
    public string? Subject { get; init; }

    /// <summary>Content type, e.g. <c>application/json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>Application properties (strings, numbers, booleans, timestamps).</summary>
    public IDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();

    /// <summary>When set, the broker makes the message visible only at this time (Service Bus only).</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }
}
