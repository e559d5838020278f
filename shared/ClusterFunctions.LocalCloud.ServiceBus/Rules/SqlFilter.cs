using System.Globalization;
using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>
/// A Service Bus SQL filter: comparisons, AND/OR/NOT, IS [NOT] NULL, [NOT] LIKE, [NOT] IN, EXISTS, on
/// user properties (bare or <c>user.</c> names) and system properties (<c>sys.</c> names). A
/// comparison with a missing property is false, as in Service Bus.
/// </summary>
internal sealed class SqlFilter : RuleFilter
{
    readonly Func<Message, object?> evaluate;

    SqlFilter(string expression, Func<Message, object?> evaluate)
    {
        Expression = expression;
        this.evaluate = evaluate;
    }

    public string Expression { get; }

    /// <summary>Parses an expression; a malformed one throws <see cref="FormatException"/> naming the position.</summary>
    public static SqlFilter Parse(string expression) => new(expression, new SqlParser(expression).ParseAll());

    public override bool Matches(Message message) => evaluate(message) is true;

    internal static object? Property(Message message, string name)
    {
        if (name.StartsWith("sys.", StringComparison.OrdinalIgnoreCase))
        {
            var properties = message.Properties;
            return name[4..].ToLowerInvariant() switch
            {
                "messageid" => properties?.GetMessageId()?.ToString(),
                "correlationid" => properties?.GetCorrelationId()?.ToString(),
                "to" => properties?.To,
                "replyto" => properties?.ReplyTo,
                "label" or "subject" => properties?.Subject,
                "sessionid" => properties?.GroupId,
                "replytosessionid" => properties?.ReplyToGroupId,
                "contenttype" => properties?.ContentType?.ToString(),
                _ => null,
            };
        }

        var key = name.StartsWith("user.", StringComparison.OrdinalIgnoreCase) ? name[5..] : name;
        return message.ApplicationProperties?.Map.ContainsKey(key) == true ? message.ApplicationProperties[key] : null;
    }

    internal static int? Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        if (IsNumber(left) && IsNumber(right))
        {
            return Convert.ToDouble(left, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(right, CultureInfo.InvariantCulture));
        }

        if (left is string a && right is string b)
        {
            return string.CompareOrdinal(a, b);
        }

        if (left is bool x && right is bool y)
        {
            return x.CompareTo(y);
        }

        return left.Equals(right) ? 0 : null;
    }

    static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;
}
