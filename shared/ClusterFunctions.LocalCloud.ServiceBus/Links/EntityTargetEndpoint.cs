using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>
/// A send link to a queue or topic: stores each message, honouring the scheduled enqueue time and
/// duplicate detection, and unpacks the batches the Azure SDKs send (message-format 0x80013700,
/// one data section per encoded message), as Service Bus does.
/// </summary>
internal sealed class EntityTargetEndpoint(SendTarget target, int maxMessageSizeBytes) : LinkEndpoint
{
    const uint BatchFormat = 0x80013700;

    public override void OnMessage(MessageContext messageContext)
    {
        var message = messageContext.Message;
        var payload = MessageCodec.Encode(message);
        if (payload.Length > maxMessageSizeBytes)
        {
            messageContext.Complete(new Error(ErrorCode.MessageSizeExceeded)
            {
                Description = $"message size {payload.Length} bytes exceeds the limit of {maxMessageSizeBytes} bytes",
            });
            return;
        }

        if (message.Format == BatchFormat)
        {
            IEnumerable<Data> sections = message.BodySection switch
            {
                DataList list => Enumerable.Range(0, list.Count).Select(i => list[i]),
                Data single => [single],
                _ => [],
            };
            foreach (var section in sections)
            {
                Store(section.Binary);
            }
        }
        else
        {
            Store(payload);
        }

        messageContext.Complete();
    }

    void Store(byte[] payload)
    {
        var message = MessageCodec.Decode(payload);
        if (message.Properties?.GetMessageId() is null)
        {
            // Receivers key lock renewal and settlement by message id (the JavaScript SDK fails without one).
            message.Properties ??= new Properties();
            message.Properties.MessageId = Guid.NewGuid().ToString("N");
            payload = MessageCodec.Encode(message);
        }

        DateTimeOffset? scheduled = message.MessageAnnotations?[MessageCodec.ScheduledEnqueueTime] is DateTime at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : null;
        target.Accept(payload, message.Properties?.GetMessageId()?.ToString(), scheduled);
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }
}
