using Amqp;
using Amqp.Framing;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Security;

namespace ClusterFunctions.LocalCloud.ServiceBus.Management;

/// <summary>
/// An entity's <c>$management</c> node, answering as Service Bus does: <c>com.microsoft:renew-lock</c>
/// on queues and subscriptions, <c>schedule-message</c> and <c>cancel-scheduled-message</c> on queues and topics.
/// </summary>
internal sealed class ManagementRequestProcessor(string path, MessageEntity? entity, SendTarget? target, ConnectionGrants grants) : IRequestHandler
{
    public const string RenewLockOperation = "com.microsoft:renew-lock";
    public const string ScheduleOperation = "com.microsoft:schedule-message";
    public const string CancelScheduledOperation = "com.microsoft:cancel-scheduled-message";

    public Message Handle(Message request, Connection connection)
    {
        var operation = request.ApplicationProperties?["operation"] as string;
        Message response;
        if (!grants.IsAuthorized(connection, path))
        {
            response = Status(401, "amqp:unauthorized-access", $"Unauthorized access to '{path}'.");
        }
        else
        {
            response = (operation, request.Body) switch
            {
                (RenewLockOperation, Map body) when entity is not null => RenewLocks(entity, body),
                (ScheduleOperation, Map body) when target is not null => Schedule(target, body),
                (CancelScheduledOperation, Map body) when target is not null => Cancel(target, body),
                (RenewLockOperation or ScheduleOperation or CancelScheduledOperation, _) => Status(400, "amqp:invalid-field", $"body: '{operation}' needs a map body on an entity that supports it"),
                _ => Status(501, "amqp:not-implemented", $"operation: '{operation}' is not supported by the emulator"),
            };
        }

        return response;
    }

    static Message RenewLocks(MessageEntity entity, Map body)
    {
        if (body["lock-tokens"] is not Guid[] tokens)
        {
            return Status(400, "amqp:invalid-field", "lock-tokens: an array of uuid is required");
        }

        var expirations = new DateTime[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (entity.RenewLock(tokens[i]) is not { } until)
            {
                return Status(410, "com.microsoft:message-lock-lost", $"lock-tokens: the lock {tokens[i]} was lost or has expired");
            }

            expirations[i] = until.UtcDateTime;
        }

        return Ok(new Map { ["expirations"] = expirations });
    }

    static Message Schedule(SendTarget target, Map body)
    {
        if (body["messages"] is not List messages)
        {
            return Status(400, "amqp:invalid-field", "messages: a list of maps is required");
        }

        var sequenceNumbers = new List<long>();
        foreach (var item in messages)
        {
            if (item is not Map entry || entry["message"] is not byte[] payload)
            {
                return Status(400, "amqp:invalid-field", "messages[].message: the encoded message is required");
            }

            var message = MessageCodec.Decode(payload);
            if (message.MessageAnnotations?[MessageCodec.ScheduledEnqueueTime] is not DateTime at)
            {
                return Status(400, "amqp:invalid-field", "messages[].message: x-opt-scheduled-enqueue-time is required");
            }

            var sequence = target.Accept(payload, entry["message-id"] as string ?? message.Properties?.MessageId, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
            sequenceNumbers.Add(sequence ?? 0);
        }

        return Ok(new Map { ["sequence-numbers"] = sequenceNumbers.ToArray() });
    }

    static Message Cancel(SendTarget target, Map body)
    {
        if (body["sequence-numbers"] is not long[] sequenceNumbers)
        {
            return Status(400, "amqp:invalid-field", "sequence-numbers: an array of long is required");
        }

        foreach (var sequence in sequenceNumbers)
        {
            target.CancelScheduled(sequence);
        }

        return Ok(new Map());
    }

    static Message Ok(Map body)
    {
        var response = Status(200, null, "OK");
        response.BodySection = new AmqpValue { Value = body };
        return response;
    }

    static Message Status(int code, string? condition, string description)
    {
        var properties = new ApplicationProperties { ["statusCode"] = code, ["statusDescription"] = description };
        if (condition is not null)
        {
            properties["errorCondition"] = new Symbol(condition);
        }

        return new Message { ApplicationProperties = properties };
    }
}
