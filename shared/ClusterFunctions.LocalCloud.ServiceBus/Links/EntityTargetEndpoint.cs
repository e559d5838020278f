using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>A send link to a queue or topic: stores each message, honouring the scheduled enqueue time and duplicate detection.</summary>
internal sealed class EntityTargetEndpoint(SendTarget target, int maxMessageSizeBytes) : LinkEndpoint
{
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

        DateTimeOffset? scheduled = message.MessageAnnotations?[MessageCodec.ScheduledEnqueueTime] is DateTime at
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : null;
        target.Accept(payload, message.Properties?.GetMessageId()?.ToString(), scheduled);
        messageContext.Complete();
    }

    public override void OnFlow(FlowContext flowContext)
    {
    }

    public override void OnDisposition(DispositionContext dispositionContext)
    {
    }
}
