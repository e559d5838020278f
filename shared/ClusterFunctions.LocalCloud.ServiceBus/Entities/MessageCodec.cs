using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Encodes, decodes and stamps messages the way Service Bus presents them to receivers.</summary>
internal static class MessageCodec
{
    public static readonly Symbol SequenceNumber = "x-opt-sequence-number";
    public static readonly Symbol EnqueuedTime = "x-opt-enqueued-time";
    public static readonly Symbol LockedUntil = "x-opt-locked-until";
    public static readonly Symbol LockToken = "x-opt-lock-token";
    public static readonly Symbol ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public static readonly Symbol DeadLetterSource = "x-opt-deadletter-source";
    public static readonly Symbol MessageState = "x-opt-message-state";

    public static byte[] Encode(Message message)
    {
        var buffer = message.Encode();
        return buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();
    }

    public static Message Decode(byte[] payload) => Message.Decode(new ByteBuffer(payload, 0, payload.Length, payload.Length));

    /// <summary>The message as a receiver sees it: delivery count in the header, broker annotations added.</summary>
    public static Message ForDelivery(LockedMessage locked)
    {
        var message = ForPeek(locked.Message, locked.Message.Deferred ? 1 : 0);
        if (locked.LockToken != Guid.Empty)
        {
            message.MessageAnnotations[LockedUntil] = locked.LockedUntil.UtcDateTime;
            message.MessageAnnotations[LockToken] = locked.LockToken;
        }

        return message;
    }

    /// <summary>The message as peek shows it: broker annotations and state (0 active, 1 deferred, 2 scheduled), no lock.</summary>
    public static Message ForPeek(StoredMessage stored, int state)
    {
        var message = Decode(stored.Payload);
        message.Header ??= new Header();
        message.Header.DeliveryCount = (uint)Math.Max(0, stored.DeliveryCount - 1);
        message.MessageAnnotations ??= new MessageAnnotations();
        message.MessageAnnotations[SequenceNumber] = stored.SequenceNumber;
        message.MessageAnnotations[EnqueuedTime] = stored.EnqueuedTime.UtcDateTime;
        message.MessageAnnotations[MessageState] = state;
        return message;
    }

    /// <summary>Adds the reason fields Service Bus writes onto a dead-lettered message.</summary>
    public static byte[] WithDeadLetterReason(byte[] payload, string sourcePath, string? reason, string? description)
    {
        var message = Decode(payload);
        message.ApplicationProperties ??= new ApplicationProperties();
        if (reason is not null)
        {
            message.ApplicationProperties["DeadLetterReason"] = reason;
        }

        if (description is not null)
        {
            message.ApplicationProperties["DeadLetterErrorDescription"] = description;
        }

        message.MessageAnnotations ??= new MessageAnnotations();
        message.MessageAnnotations[DeadLetterSource] = sourcePath;
        return Encode(message);
    }

    /// <summary>Properties an abandon asks to change (Service Bus's propertiesToModify) land in application-properties.</summary>
    public static byte[] WithModifiedProperties(byte[] payload, Map properties)
    {
        var message = Decode(payload);
        message.ApplicationProperties ??= new ApplicationProperties();
        foreach (var pair in properties)
        {
            message.ApplicationProperties[pair.Key.ToString()] = pair.Value;
        }

        return Encode(message);
    }
}
