using Amqp;
using Amqp.Types;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>A subscription's rules: a message reaches it when any rule's filter matches. It starts with $Default (true).</summary>
internal sealed class SubscriptionRules
{
    public const string DefaultRuleName = "$Default";

    readonly Dictionary<string, (RuleFilter Filter, DateTime CreatedAt)> rules = new(StringComparer.OrdinalIgnoreCase)
    {
        [DefaultRuleName] = (new TrueFilter(true), DateTime.UtcNow),
    };

    public bool Matches(Message message)
    {
        lock (rules)
        {
            return rules.Values.Any(rule => rule.Filter.Matches(message));
        }
    }

    /// <summary>False when a rule of that name exists already.</summary>
    public bool Add(string name, RuleFilter filter, DateTime createdAt)
    {
        lock (rules)
        {
            return rules.TryAdd(name, (filter, createdAt));
        }
    }

    public bool Remove(string name)
    {
        lock (rules)
        {
            return rules.Remove(name);
        }
    }

    public IReadOnlyList<(string Name, RuleFilter Filter, DateTime CreatedAt)> List()
    {
        lock (rules)
        {
            return rules.Select(pair => (pair.Key, pair.Value.Filter, pair.Value.CreatedAt)).OrderBy(rule => rule.CreatedAt).ToList();
        }
    }

    /// <summary>The filter of an add-rule request's rule-description map; throws FormatException naming what is wrong.</summary>
    public static RuleFilter FilterFrom(Map description)
    {
        if (description["sql-filter"] is Map sql)
        {
            return sql["expression"] is string expression
                ? SqlFilter.Parse(expression)
                : throw new FormatException("rule-description.sql-filter.expression: a string is required");
        }

        if (description["correlation-filter"] is Map correlation)
        {
            return CorrelationFilter.FromMap(correlation);
        }

        throw new FormatException("rule-description: a sql-filter or a correlation-filter is required");
    }
}
