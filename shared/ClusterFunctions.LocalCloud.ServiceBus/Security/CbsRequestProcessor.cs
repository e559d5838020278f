using Amqp;
using Amqp.Framing;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Management;

namespace ClusterFunctions.LocalCloud.ServiceBus.Security;

/// <summary>The <c>$cbs</c> node: put-token with a SAS token (or a JWT when a validator is configured) grants a connection an audience.</summary>
internal sealed class CbsRequestProcessor(SasTokenValidator sas, Func<string, string, bool>? jwtValidator, ConnectionGrants grants, TimeProvider timeProvider) : IRequestHandler
{
    public Message Handle(Message request, Connection connection)
    {
        var properties = request.ApplicationProperties;
        var operation = properties?["operation"] as string;
        var type = properties?["type"] as string;
        var name = properties?["name"] as string;
        var token = request.Body as string;
        var (status, description) = Authorise(connection, operation, type, name, token);
        return new Message
        {
            ApplicationProperties = new ApplicationProperties { ["status-code"] = status, ["status-description"] = description },
        };
    }

    (int Status, string Description) Authorise(Connection connection, string? operation, string? type, string? name, string? token)
    {
        if (operation != "put-token")
        {
            return (400, "operation: only put-token is supported");
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(token))
        {
            return (400, "name and body: the audience and the token are required");
        }

        var now = timeProvider.GetUtcNow();
        var entity = EntityRegistry.Normalize(name);
        switch (type)
        {
            case "servicebus.windows.net:sastoken":
                if (!sas.TryValidate(token, now, out var audience, out var expiresAt, out var error))
                {
                    return (401, error);
                }

                var granted = EntityRegistry.Normalize(audience);
                if (!ConnectionGrants.Covers(granted, entity))
                {
                    return (401, $"name: the token's audience '{audience}' does not cover '{name}'");
                }

                grants.Grant(connection, entity, expiresAt);
                return (202, "Accepted");
            case "jwt":
                if (jwtValidator is null || !jwtValidator(token, name))
                {
                    return (401, "token: the JWT was not accepted");
                }

                grants.Grant(connection, entity, now.AddHours(1));
                return (202, "Accepted");
            default:
                return (400, "type: must be servicebus.windows.net:sastoken or jwt");
        }
    }
}
