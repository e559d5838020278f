using Amqp;
using Amqp.Types;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>Matches when every set system property and every listed user property equals the message's.</summary>
internal sealed class CorrelationFilter(IReadOnlyDictionary<string, string?> system, IReadOnlyDictionary<string, object?> user) : RuleFilter
{
    public static readonly string[] SystemFields = ["correlation-id", "message-id", "to", "reply-to", "label", "session-id", "reply-to-session-id", "content-type"];

    public IReadOnlyDictionary<string, string?> System { get; } = system;

    public IReadOnlyDictionary<string, object?> User { get; } = user;

    public static CorrelationFilter FromMap(Map map)
    {
        var system = SystemFields.ToDictionary(field => field, field => map[field] as string);
        var user = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (map["properties"] is Map properties)
        {
            foreach (var key in properties.Keys)
            {
                user[key.ToString()!] = properties[key];
            }
        }

        return new CorrelationFilter(system, user);
    }

    public override bool Matches(Message message)
    {
        var properties = message.Properties;
        foreach (var (field, expected) in System)
        {
            if (expected is null)
            {
                continue;
            }

            var actual = field switch
            {
                "correlation-id" => properties?.GetCorrelationId()?.ToString(),
                "message-id" => properties?.GetMessageId()?.ToString(),
                "to" => properties?.To,
                "reply-to" => properties?.ReplyTo,
                "label" => properties?.Subject,
                "session-id" => properties?.GroupId,
                "reply-to-session-id" => properties?.ReplyToGroupId,
                _ => properties?.ContentType?.ToString(),
            };
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return User.All(pair => SqlFilter.Compare(SqlFilter.Property(message, pair.Key), pair.Value) == 0);
    }
}
