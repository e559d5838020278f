using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Security;

namespace ClusterFunctions.LocalCloud.ServiceBus.Management;

/// <summary>An entity's <c>$management</c> node: <c>com.microsoft:renew-lock</c> as Service Bus answers it.</summary>
internal sealed class ManagementRequestProcessor(MessageEntity entity, ConnectionGrants grants) : IRequestProcessor
{
    public const string RenewLockOperation = "com.microsoft:renew-lock";

    public int Credit => 100;

    public void Process(RequestContext requestContext)
    {
        var request = requestContext.Message;
        var operation = request.ApplicationProperties?["operation"] as string;
        Message response;
        if (!grants.IsAuthorized(requestContext.Link.Session.Connection, entity.Path))
        {
            response = Status(401, "amqp:unauthorized-access", $"Unauthorized access to '{entity.Path}'.");
        }
        else if (operation == RenewLockOperation)
        {
            response = RenewLocks(request);
        }
        else
        {
            response = Status(501, "amqp:not-implemented", $"operation: '{operation}' is not supported by the emulator");
        }

        requestContext.Complete(response);
    }

    Message RenewLocks(Message request)
    {
        if (request.Body is not Map body || body["lock-tokens"] is not Guid[] tokens)
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

        var response = Status(200, null, "OK");
        response.BodySection = new AmqpValue { Value = new Map { ["expirations"] = expirations } };
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
