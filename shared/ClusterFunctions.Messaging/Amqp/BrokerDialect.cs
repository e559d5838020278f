namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Which AMQP 1.0 dialect the broker speaks.</summary>
public enum BrokerDialect
{
    /// <summary>Azure Service Bus (or its emulator): $cbs, Modified for abandon, dead-letter reasons, renew-lock, scheduling.</summary>
    ServiceBus,

    /// <summary>A plain AMQP 1.0 broker such as RabbitMQ's plugin: SASL PLAIN, Released for abandon, broker-side delivery limits and dead-letter routing.</summary>
    GenericAmqp,
}
