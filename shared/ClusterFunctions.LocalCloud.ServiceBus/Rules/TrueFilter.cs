using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>Matches every message (the filter of a subscription's $Default rule), or none when <c>Value</c> is false.</summary>
internal sealed class TrueFilter(bool value) : RuleFilter
{
    public bool Value { get; } = value;

    public override bool Matches(Message message) => Value;
}
