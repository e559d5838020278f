using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace ClusterFunctions.LocalCloud.ServiceBus.Management;

/// <summary>Answers of <c>$management</c> nodes: statusCode, statusDescription and errorCondition as Service Bus sets them.</summary>
internal static class ManagementResponses
{
    public static Message Ok(Map body)
    {
        var response = Status(200, null, "OK");
        response.BodySection = new AmqpValue { Value = body };
        return response;
    }

    public static Message Status(int code, string? condition, string description)
    {
        var properties = new ApplicationProperties { ["statusCode"] = code, ["statusDescription"] = description };
        if (condition is not null)
        {
            properties["errorCondition"] = new Symbol(condition);
        }

        return new Message { ApplicationProperties = properties };
    }
}
