using ClusterFunctions.LocalCloud.ServiceBus;
using ClusterFunctions.Messaging.Amqp;

namespace ClusterFunctions.Messaging.Tests.Support;

/// <summary>
/// Starts emulators on port 0 with a queue "q" (max 3 deliveries, 30 s lock), a queue "nodup" (max 5
/// deliveries, no broker-side duplicate detection) and a topic "t" with subscriptions "a" and "b".
/// </summary>
internal static class TestEmulator
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static ServiceBusEmulatorOptions Options(TimeProvider? time = null, string? dataDirectory = null, int port = 0)
    {
        var options = new ServiceBusEmulatorOptions { Port = port, DataDirectory = dataDirectory, TimeProvider = time ?? TimeProvider.System, Key = "test-key" };
        options.Queues.Add(new EmulatorQueueOptions { Name = "q", LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3 });
        options.Queues.Add(new EmulatorQueueOptions { Name = "nodup", MaxDeliveryCount = 5, DuplicateDetectionWindow = TimeSpan.Zero });
        options.Topics.Add(new EmulatorTopicOptions { Name = "t", Subscriptions = { "a", "b" } });
        return options;
    }

    public static Task<ServiceBusEmulator> StartAsync(TimeProvider? time = null, string? dataDirectory = null) =>
        ServiceBusEmulator.StartAsync(Options(time, dataDirectory));

    public static AmqpMessagingClient Client(ServiceBusEmulator emulator) => Client(emulator.ConnectionString);

    public static AmqpMessagingClient Client(string connectionString) => new(new AmqpMessagingOptions
    {
        ConnectionString = connectionString,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(300),
        OperationTimeout = TimeSpan.FromSeconds(10),
    });

    public static OutgoingMessage Text(string text, string? id = null) =>
        new(System.Text.Encoding.UTF8.GetBytes(text)) { MessageId = id ?? Guid.NewGuid().ToString("N"), ContentType = "text/plain" };

    public static string TextOf(ReceivedMessage message) => System.Text.Encoding.UTF8.GetString(message.Body.Span);

    /// <summary>Receives, failing the test (rather than hanging) when nothing comes.</summary>
    public static async Task<ReceivedMessage> ReceiveOneAsync(AmqpMessageReceiver receiver)
    {
        using var guard = new CancellationTokenSource(Wait);
        while (true)
        {
            var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(1), guard.Token);
            if (message is not null)
            {
                return message;
            }
        }
    }
}
