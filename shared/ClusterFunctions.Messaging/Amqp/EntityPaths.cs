namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Service Bus entity path forms.</summary>
public static class EntityPaths
{
    /// <summary><c>topic/Subscriptions/name</c>.</summary>
    public static string Subscription(string topic, string subscription) => $"{topic}/Subscriptions/{subscription}";

    /// <summary><c>entity/$DeadLetterQueue</c> for a queue or a subscription path.</summary>
    public static string DeadLetterQueue(string entityPath) => entityPath + "/$DeadLetterQueue";
}
