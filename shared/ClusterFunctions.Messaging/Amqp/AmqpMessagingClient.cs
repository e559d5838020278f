namespace ClusterFunctions.Messaging.Amqp;

/// <summary>The entry point: one AMQP connection to Service Bus (or a generic broker) shared by its senders and receivers.</summary>
public sealed class AmqpMessagingClient : IAsyncDisposable
{
    readonly AmqpConnectionManager manager;

    /// <summary>Creates a client; it connects on first use.</summary>
    public AmqpMessagingClient(AmqpMessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        manager = new AmqpConnectionManager(options);
    }

    /// <summary>The broker dialect this client speaks.</summary>
    public BrokerDialect Dialect => manager.Options.Dialect;

    /// <summary>A sender for a queue or topic.</summary>
    public AmqpMessageSender CreateSender(string entityPath) => new(manager, entityPath);

    /// <summary>A peek-lock receiver for a queue, subscription (<see cref="EntityPaths.Subscription"/>) or dead-letter queue.</summary>
    public AmqpMessageReceiver CreateReceiver(string entityPath, ReceiverOptions? options = null) => new(manager, entityPath, options ?? new ReceiverOptions());

    public async ValueTask DisposeAsync() => await manager.DisposeAsync().ConfigureAwait(false);
}
