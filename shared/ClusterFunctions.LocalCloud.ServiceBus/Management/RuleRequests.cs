using Amqp;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Rules;

namespace ClusterFunctions.LocalCloud.ServiceBus.Management;

/// <summary>add-rule, remove-rule and enumerate-rules on a subscription's <c>$management</c> node, in Service Bus's encoding.</summary>
internal static class RuleRequests
{
    const string Vendor = "com.microsoft:";

    public static Message Add(SubscriptionRules rules, Map body)
    {
        if (body["rule-name"] is not string name || name.Length is 0 or > 50)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "rule-name: a name of 1 to 50 characters is required");
        }

        if (body["rule-description"] is not Map description)
        {
            return ManagementResponses.Status(400, "amqp:invalid-field", "rule-description: a map is required");
        }

        if (description["sql-rule-action"] is Map { Count: > 0 } action && action["expression"] is string { Length: > 0 })
        {
            return ManagementResponses.Status(501, "amqp:not-implemented", "rule-description.sql-rule-action: rule actions are not supported by the emulator");
        }

        RuleFilter filter;
        try
        {
            filter = SubscriptionRules.FilterFrom(description);
        }
        catch (FormatException error)
        {
            return ManagementResponses.Status(400, "com.microsoft:argument-error", error.Message);
        }

        return rules.Add(name, filter, DateTime.UtcNow)
            ? ManagementResponses.Ok(new Map())
            : ManagementResponses.Status(409, "com.microsoft:entity-already-exists", $"rule-name: a rule named '{name}' exists already");
    }

    public static Message Remove(SubscriptionRules rules, Map body) =>
        body["rule-name"] is string name && rules.Remove(name)
            ? ManagementResponses.Ok(new Map())
            : ManagementResponses.Status(404, "amqp:not-found", $"rule-name: no rule named '{body["rule-name"]}'");

    public static Message Enumerate(SubscriptionRules rules, Map body)
    {
        var skip = body["skip"] is int s ? s : 0;
        var top = body["top"] is int t ? t : int.MaxValue;
        var page = rules.List().Skip(skip).Take(top).ToList();
        if (page.Count == 0)
        {
            return ManagementResponses.Status(204, null, "No rules.");
        }

        var list = new List();
        foreach (var (name, filter, createdAt) in page)
        {
            var described = new DescribedValue(new Symbol(Vendor + "rule-description:list"), new List
            {
                Describe(filter),
                new DescribedValue(new Symbol(Vendor + "empty-rule-action:list"), new List()),
                name,
                createdAt,
            });
            list.Add(new Map { ["rule-description"] = described });
        }

        return ManagementResponses.Ok(new Map { ["rules"] = list });
    }

    static DescribedValue Describe(RuleFilter filter) => filter switch
    {
        TrueFilter { Value: true } => new DescribedValue(new Symbol(Vendor + "true-filter:list"), new List { "1=1", 20 }),
        TrueFilter => new DescribedValue(new Symbol(Vendor + "false-filter:list"), new List { "1=0", 20 }),
        SqlFilter sql => new DescribedValue(new Symbol(Vendor + "sql-filter:list"), new List { sql.Expression, 20 }),
        CorrelationFilter correlation => new DescribedValue(new Symbol(Vendor + "correlation-filter:list"), Correlation(correlation)),
        _ => throw new InvalidOperationException($"filter: {filter.GetType().Name} has no encoding"),
    };

    static List Correlation(CorrelationFilter filter)
    {
        var fields = new List();
        foreach (var field in CorrelationFilter.SystemFields)
        {
            fields.Add(filter.System[field]);
        }

        var properties = new Map();
        foreach (var (key, value) in filter.User)
        {
            properties[key] = value;
        }

        fields.Add(properties);
        return fields;
    }
}
