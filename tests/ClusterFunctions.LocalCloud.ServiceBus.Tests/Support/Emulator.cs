using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

/// <summary>Starts emulators on port 0 with the entities the conformance tests use, and clients for them.</summary>
internal static class Emulator
{
    public const string Key = "conformance-key";

    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>The test entities; a data directory makes the emulator keep them across restarts (on the same port).</summary>
    public static ServiceBusEmulatorOptions Options(TimeProvider? time = null, string? dataDirectory = null, int port = 0)
    {
        var options = new ServiceBusEmulatorOptions { Key = Key, TimeProvider = time ?? TimeProvider.System, DataDirectory = dataDirectory, Port = port };
        options.Queues.Add(new EmulatorQueueOptions { Name = "q", LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3 });
        options.Queues.Add(new EmulatorQueueOptions { Name = "short-lock", LockDuration = TimeSpan.FromSeconds(2), MaxDeliveryCount = 10 });
        options.Queues.Add(new EmulatorQueueOptions { Name = "sessions", RequiresSession = true, LockDuration = TimeSpan.FromSeconds(30) });
        options.Queues.Add(new EmulatorQueueOptions { Name = "expiring", DeadLetteringOnMessageExpiration = true });
        options.Topics.Add(new EmulatorTopicOptions { Name = "t", Subscriptions = { "a", "b" } });
        return options;
    }

    public static Task<ServiceBusEmulator> StartAsync(ServiceBusEmulatorOptions? options = null) =>
        ServiceBusEmulator.StartAsync(options ?? Options());

    public static ServiceBusClient Client(ServiceBusEmulator emulator) => new(emulator.ConnectionString, new ServiceBusClientOptions
    {
        RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(10) },
    });

    /// <summary>Receives one message, failing the test rather than hanging when none comes.</summary>
    public static async Task<ServiceBusReceivedMessage> ReceiveOneAsync(ServiceBusReceiver receiver)
    {
        var message = await receiver.ReceiveMessageAsync(Wait);
        Assert.NotNull(message);
        return message;
    }
}
