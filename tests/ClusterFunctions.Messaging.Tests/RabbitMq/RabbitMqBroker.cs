using ClusterFunctions.Messaging.Amqp;
using RabbitMQ.Client;

namespace ClusterFunctions.Messaging.Tests.RabbitMq;

/// <summary>
/// The RabbitMQ that tests/services/rabbitmq.sh starts (address from CF_RABBITMQ_AMQP, default
/// amqp://guest:guest@127.0.0.1:5672). Declares per-test topology over AMQP 0-9-1 (the AMQP 1.0
/// plugin cannot set queue arguments) and deletes it afterwards. An unreachable broker fails the
/// test with instructions: a skipped test would prove nothing.
/// </summary>
internal sealed class RabbitMqBroker : IAsyncDisposable
{
    public const string AddressVariable = "CF_RABBITMQ_AMQP";
    public const string DefaultAddress = "amqp://guest:guest@127.0.0.1:5672";

    readonly IConnection connection;
    readonly IChannel channel;
    readonly List<string> queues = [];
    readonly List<string> exchanges = [];

    RabbitMqBroker(Uri address, IConnection connection, IChannel channel)
    {
        Address = address;
        this.connection = connection;
        this.channel = channel;
    }

    public Uri Address { get; }

    public static async Task<RabbitMqBroker> ConnectAsync()
    {
        var address = new Uri(Environment.GetEnvironmentVariable(AddressVariable) ?? DefaultAddress);
        try
        {
            var factory = new ConnectionFactory { Uri = address, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
            var connection = await factory.CreateConnectionAsync();
            return new RabbitMqBroker(address, connection, await connection.CreateChannelAsync());
        }
        catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or System.Net.Sockets.SocketException)
        {
            Assert.Fail($"RabbitMQ is not reachable at {address.Host}:{address.Port} ({exception.Message}). " +
                $"Start it with 'tests/services/rabbitmq.sh start' (tests/run does this), or point {AddressVariable} at a broker with the rabbitmq_amqp1_0 plugin.");
            throw;
        }
    }

    /// <summary>A quorum queue with a delivery limit whose dead letters go to NAME.dlq (also declared).</summary>
    public async Task<string> DeclareQueueAsync(int deliveryLimit = 3)
    {
        var name = "cf-test-" + Guid.NewGuid().ToString("N")[..12];
        await channel.QueueDeclareAsync(name + ".dlq", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-queue-type"] = "quorum",
            ["x-delivery-limit"] = deliveryLimit,
            ["x-dead-letter-exchange"] = "",
            ["x-dead-letter-routing-key"] = name + ".dlq",
        });
        queues.Add(name);
        queues.Add(name + ".dlq");
        return name;
    }

    /// <summary>A topic exchange with one bound queue per subscription, bound on the routing key pattern (the AMQP subject).</summary>
    public async Task<(string Exchange, IReadOnlyList<string> Queues)> DeclareTopicAsync(params string[] bindings)
    {
        var exchange = "cf-test-x-" + Guid.NewGuid().ToString("N")[..12];
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
        exchanges.Add(exchange);
        var bound = new List<string>();
        foreach (var pattern in bindings)
        {
            var queue = await DeclareQueueAsync();
            await channel.QueueBindAsync(queue, exchange, pattern);
            bound.Add(queue);
        }

        return (exchange, bound);
    }

    public async Task<uint> ReadyCountAsync(string queue) => (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    /// <summary>A generic-mode client: queues as /amq/queue/NAME, exchanges (names starting cf-test-x-) as /exchange/NAME.</summary>
    public AmqpMessagingClient Client() => new(new AmqpMessagingOptions
    {
        Endpoint = Address,
        Dialect = BrokerDialect.GenericAmqp,
        AddressResolver = path => path.StartsWith("cf-test-x-", StringComparison.Ordinal) ? "/exchange/" + path : "/amq/queue/" + path,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(300),
        OperationTimeout = TimeSpan.FromSeconds(10),
    });

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in queues)
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }

        foreach (var exchange in exchanges)
        {
            await channel.ExchangeDeleteAsync(exchange);
        }

        await channel.CloseAsync();
        await connection.CloseAsync();
    }
}
