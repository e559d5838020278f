using System.Text;
using Amqp.Framing;
using Amqp.Types;
using AmqpMessage = Amqp.Message;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Maps the product's message shapes to AMQP messages and back.</summary>
internal static class AmqpMessages
{
    public static readonly Symbol ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";

    public static AmqpMessage ToAmqp(OutgoingMessage message)
    {
        var amqp = new AmqpMessage
        {
            BodySection = new Data { Binary = message.Body.ToArray() },
            Properties = new Properties
            {
                MessageId = message.MessageId,
                CorrelationId = message.CorrelationId,
                Subject = message.Subject,
                ContentType = message.ContentType is null ? null : new Symbol(message.ContentType),
            },
            Header = new Header { Durable = true },
        };
        if (message.ApplicationProperties.Count > 0)
        {
            amqp.ApplicationProperties = new ApplicationProperties();
            foreach (var pair in message.ApplicationProperties)
            {
                amqp.ApplicationProperties[pair.Key] = pair.Value is DateTimeOffset at ? at.UtcDateTime : pair.Value;
            }
        }

        if (message.ScheduledEnqueueTime is { } scheduled)
        {
            amqp.MessageAnnotations = new MessageAnnotations { [ScheduledEnqueueTime] = scheduled.UtcDateTime };
        }

        return amqp;
    }

    public static ReadOnlyMemory<byte> BodyOf(AmqpMessage message) => message.BodySection switch
    {
        Data data => data.Binary ?? [],
        AmqpValue { Value: byte[] bytes } => bytes,
        AmqpValue { Value: string text } => Encoding.UTF8.GetBytes(text),
        AmqpValue { Value: { } other } => Encoding.UTF8.GetBytes(other.ToString() ?? ""),
        _ => ReadOnlyMemory<byte>.Empty,
    };
}
