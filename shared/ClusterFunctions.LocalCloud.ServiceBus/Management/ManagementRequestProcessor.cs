using Amqp;
using Amqp.Framing;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Rules;
using ClusterFunctions.LocalCloud.ServiceBus.Security;

namespace ClusterFunctions.LocalCloud.ServiceBus.Management;

/// <summary>
/// An entity's <c>$management</c> node, answering as Service Bus does: locks, peek, deferred
/// messages and their settlement, sessions' locks and state on queues and subscriptions;
/// scheduling on queues and topics.
/// </summary>
internal sealed class ManagementRequestProcessor(string path, MessageEntity? entity, SendTarget? target, SubscriptionRules? rules, ConnectionGrants grants) : IRequestHandler
{
    public const string RenewLockOperation = "com.microsoft:renew-lock";
    public const string ScheduleOperation = "com.microsoft:schedule-message";
    public const string CancelScheduledOperation = "com.microsoft:cancel-scheduled-message";
    const string PeekOperation = "com.microsoft:peek-message";
    const string ReceiveBySequenceNumberOperation = "com.microsoft:receive-by-sequence-number";
    const string UpdateDispositionOperation = "com.microsoft:update-disposition";
    const string RenewSessionLockOperation = "com.microsoft:renew-session-lock";
    const string GetSessionStateOperation = "com.microsoft:get-session-state";
    const string SetSessionStateOperation = "com.microsoft:set-session-state";
    const string AddRuleOperation = "com.microsoft:add-rule";
    const string RemoveRuleOperation = "com.microsoft:remove-rule";
    const string EnumerateRulesOperation = "com.microsoft:enumerate-rules";

    public Message Handle(Message request, Connection connection)
    {
        var operation = request.ApplicationProperties?["operation"] as string;
        // The SDKs authorise their management links for "entity/$management", which a token for the entity also covers.
        if (!grants.IsAuthorized(connection, path + "/$management"))
        {
            return ManagementResponses.Status(401, "amqp:unauthorized-access", $"Unauthorized access to '{path}'.");
        }

        if (request.Body is not Map body)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", $"body: '{operation}' needs a map body");
        }

        if (rules is not null && operation is AddRuleOperation or RemoveRuleOperation or EnumerateRulesOperation)
        {
            return operation switch
            {
                AddRuleOperation => RuleRequests.Add(rules, body),
                RemoveRuleOperation => RuleRequests.Remove(rules, body),
                _ => RuleRequests.Enumerate(rules, body),
            };
        }

        return (operation, entity, target) switch
        {
            (RenewLockOperation, { } e, _) => RenewLocks(e, body),
            (PeekOperation, { } e, _) => Peek(e, body),
            (ReceiveBySequenceNumberOperation, { } e, _) => ReceiveDeferred(e, body),
            (UpdateDispositionOperation, { } e, _) => UpdateDisposition(e, body),
            (RenewSessionLockOperation, { } e, _) => RenewSessionLock(e, body),
            (GetSessionStateOperation, { } e, _) => GetSessionState(e, body),
            (SetSessionStateOperation, { } e, _) => SetSessionState(e, body),
            (ScheduleOperation, _, { } t) => Schedule(t, body),
            (CancelScheduledOperation, _, { } t) => Cancel(t, body),
            _ => ManagementResponses.Status(400, "amqp:not-implemented", $"operation: '{operation}' is not supported on '{path}'"),
        };
    }

    static Message RenewLocks(MessageEntity entity, Map body)
    {
        if (body["lock-tokens"] is not Guid[] tokens)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "lock-tokens: an array of uuid is required");
        }

        var expirations = new DateTime[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (entity.RenewLock(tokens[i]) is not { } until)
            {
                return ManagementResponses.Status(410, "com.microsoft:message-lock-lost", $"lock-tokens: the lock {tokens[i]} was lost or has expired");
            }

            expirations[i] = until.UtcDateTime;
        }

        return ManagementResponses.Ok(new Map { ["expirations"] = expirations });
    }

    static Message Peek(MessageEntity entity, Map body)
    {
        var from = body["from-sequence-number"] is long f ? f : 0;
        var count = body["message-count"] is int c ? c : 1;
        if (count <= 0)
        {
            return ManagementResponses.Status(400, "com.microsoft:argument-out-of-range", "message-count: must be at least 1");
        }

        var found = entity.Peek(from, count, body["session-id"] as string);
        if (found.Count == 0)
        {
            return ManagementResponses.Status(204, null, "No messages to peek.");
        }

        var messages = new List();
        foreach (var (message, state) in found)
        {
            messages.Add(new Map { ["message"] = MessageCodec.Encode(MessageCodec.ForPeek(message, state)) });
        }

        return ManagementResponses.Ok(new Map { ["messages"] = messages });
    }

    static Message ReceiveDeferred(MessageEntity entity, Map body)
    {
        if (body["sequence-numbers"] is not long[] sequenceNumbers)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "sequence-numbers: an array of long is required");
        }

        var peekLock = body["receiver-settle-mode"] is not uint mode || mode != 0;
        var received = entity.ReceiveDeferred(sequenceNumbers, peekLock, body["session-id"] as string, out var missing);
        if (missing is { } sequence)
        {
            return ManagementResponses.Status(404, "com.microsoft:message-not-found", $"sequence-numbers: no deferred message with sequence number {sequence} in '{entity.Path}'");
        }

        var messages = new List();
        foreach (var locked in received)
        {
            var entry = new Map { ["message"] = MessageCodec.Encode(MessageCodec.ForDelivery(locked)) };
            if (peekLock)
            {
                entry["lock-token"] = locked.LockToken;
            }

            messages.Add(entry);
        }

        return ManagementResponses.Ok(new Map { ["messages"] = messages });
    }

    static Message UpdateDisposition(MessageEntity entity, Map body)
    {
        if (body["lock-tokens"] is not Guid[] tokens)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "lock-tokens: an array of uuid is required");
        }

        var status = body["disposition-status"] as string;
        var properties = body["properties-to-modify"] as Map;
        foreach (var token in tokens)
        {
            bool? held = status switch
            {
                "completed" => entity.Complete(token),
                "abandoned" => entity.Abandon(token, properties),
                "defered" => entity.Defer(token, properties),
                "suspended" => entity.DeadLetter(token, body["deadletter-reason"] as string, body["deadletter-description"] as string, properties),
                _ => null,
            };
            if (held is null)
            {
                return ManagementResponses.Status(400, "amqp:invalid-field", "disposition-status: must be completed, abandoned, defered or suspended");
            }

            if (held == false)
            {
                return ManagementResponses.Status(410, "com.microsoft:message-lock-lost", $"lock-tokens: the lock {token} was lost or has expired");
            }
        }

        return ManagementResponses.Ok(new Map());
    }

    static Message RenewSessionLock(MessageEntity entity, Map body)
    {
        if (body["session-id"] is not string sessionId)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "session-id: a string is required");
        }

        return entity.RenewSessionLock(sessionId) is { } until
            ? ManagementResponses.Ok(new Map { ["expiration"] = until.UtcDateTime })
            : ManagementResponses.Status(410, "com.microsoft:session-lock-lost", $"session-id: the lock on session '{sessionId}' was lost or has expired");
    }

    static Message GetSessionState(MessageEntity entity, Map body)
    {
        if (body["session-id"] is not string sessionId)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "session-id: a string is required");
        }

        return entity.IsSessionLocked(sessionId)
            ? ManagementResponses.Ok(new Map { ["session-state"] = entity.GetSessionState(sessionId) })
            : ManagementResponses.Status(410, "com.microsoft:session-lock-lost", $"session-id: session '{sessionId}' is not locked by a receiver");
    }

    static Message SetSessionState(MessageEntity entity, Map body)
    {
        if (body["session-id"] is not string sessionId)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "session-id: a string is required");
        }

        if (!entity.IsSessionLocked(sessionId))
        {
            return ManagementResponses.Status(410, "com.microsoft:session-lock-lost", $"session-id: session '{sessionId}' is not locked by a receiver");
        }

        entity.SetSessionState(sessionId, body["session-state"] as byte[]);
        return ManagementResponses.Ok(new Map());
    }

    static Message Schedule(SendTarget target, Map body)
    {
        if (body["messages"] is not List messages)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "messages: a list of maps is required");
        }

        var sequenceNumbers = new List<long>();
        foreach (var item in messages)
        {
            if (item is not Map entry || entry["message"] is not byte[] payload)
            {
                return ManagementResponses.Status(400, "amqp:invalid-field", "messages[].message: the encoded message is required");
            }

            var message = MessageCodec.Decode(payload);
            if (message.MessageAnnotations?[MessageCodec.ScheduledEnqueueTime] is not DateTime at)
            {
                return ManagementResponses.Status(400, "amqp:invalid-field", "messages[].message: x-opt-scheduled-enqueue-time is required");
            }

            var sequence = target.Accept(payload, entry["message-id"] as string ?? message.Properties?.MessageId, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
            sequenceNumbers.Add(sequence ?? 0);
        }

        return ManagementResponses.Ok(new Map { ["sequence-numbers"] = sequenceNumbers.ToArray() });
    }

    static Message Cancel(SendTarget target, Map body)
    {
        if (body["sequence-numbers"] is not long[] sequenceNumbers)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "sequence-numbers: an array of long is required");
        }

        foreach (var sequence in sequenceNumbers)
        {
            target.CancelScheduled(sequence);
        }

        return ManagementResponses.Ok(new Map());
    }
}
