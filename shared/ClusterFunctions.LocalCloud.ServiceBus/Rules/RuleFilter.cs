using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>What decides whether a topic's message reaches a subscription through one rule.</summary>
internal abstract class RuleFilter
{
    public abstract bool Matches(Message message);
}
