using Azure.Core;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Where the broker is, how to authenticate, and how to reconnect.</summary>
public sealed class AmqpMessagingOptions
{
    /// <summary>
    /// AMQP address. For Service Bus: <c>amqps://ns.servicebus.windows.net</c> (or the emulator's <c>amqp://127.0.0.1:N</c>);
    /// for a generic broker, user info carries the SASL PLAIN credentials (<c>amqp://guest:guest@127.0.0.1:5672</c>).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A Service Bus connection string; sets the endpoint and the SAS key.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>An Entra ID credential for Service Bus (used when no connection string is given).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The broker's dialect.</summary>
    public BrokerDialect Dialect { get; set; } = BrokerDialect.ServiceBus;

    /// <summary>
    /// Maps an entity path to the broker address of its link. Service Bus uses paths as they are;
    /// RabbitMQ needs e.g. <c>/amq/queue/NAME</c> or <c>/exchange/NAME</c>. Null means: Service Bus
    /// paths as they are, and <c>/amq/queue/PATH</c> for a generic broker.
    /// </summary>
    public Func<string, string>? AddressResolver { get; set; }

    /// <summary>First delay before reconnecting; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between reconnect attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per send (reconnecting between them) before the error reaches the caller.</summary>
    public int MaxSendAttempts { get; set; } = 5;

    /// <summary>How long an operation that awaits the broker may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of SAS tokens put on <c>$cbs</c>.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock for backoff and token expiry.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal string ResolveAddress(string entityPath) => AddressResolver?.Invoke(entityPath)
        ?? (Dialect == BrokerDialect.GenericAmqp ? "/amq/queue/" + entityPath : entityPath);
}
