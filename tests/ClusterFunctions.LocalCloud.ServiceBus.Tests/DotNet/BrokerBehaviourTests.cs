using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>Broker-side rules seen through the .NET SDK: duplicate detection, lock expiry, the size limit.</summary>
public sealed class BrokerBehaviourTests
{
    [Fact]
    public async Task Send_TheSameMessageIdTwiceInsideTheWindow_StoresItOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "dup-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "dup-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("other") { MessageId = "dup-2" });

        Assert.Equal(2, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task ExpiredLock_RedeliversTheMessageWithAHigherDeliveryCount_AndTheOldLockCannotComplete()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Emulator.StartAsync(Emulator.Options(time));
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q"); // 30 s lock
        await using var receiver = client.CreateReceiver("q");

        await sender.SendMessageAsync(new ServiceBusMessage("slow") { MessageId = "lock-1" });
        var first = await Emulator.ReceiveOneAsync(receiver);
        time.Advance(TimeSpan.FromSeconds(31));
        var second = await Emulator.ReceiveOneAsync(receiver);
        var lost = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        await receiver.CompleteMessageAsync(second);

        Assert.Equal("lock-1", second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, lost.Reason);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task Send_OverTheStandardTierLimit_IsRefusedWithMessageSizeExceeded()
    {
        var options = Emulator.Options();
        options.MaxMessageSizeBytes = 256 * 1024;
        await using var emulator = await Emulator.StartAsync(options);
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage(new byte[300 * 1024])));
        await sender.SendMessageAsync(new ServiceBusMessage(new byte[200 * 1024]));

        Assert.Equal(ServiceBusFailureReason.MessageSizeExceeded, error.Reason);
        Assert.Equal(1, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task TwentyNewConnections_AreAllReadyWithinTwoSeconds()
    {
        await using var emulator = await Emulator.StartAsync();
        var clients = Enumerable.Range(0, 20).Select(_ => Emulator.Client(emulator)).ToList();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            await using var sender = client.CreateSender("q");
            await sender.SendMessageAsync(new ServiceBusMessage($"c{i}"));
        }));
        var elapsed = watch.Elapsed;
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));

        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.Equal(20, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task Start_WithANonPositiveTimeToLive_FailsNamingTheQueueAndTheSetting()
    {
        var options = Emulator.Options();
        options.Queues.Add(new EmulatorQueueOptions { Name = "bad", DefaultMessageTimeToLive = TimeSpan.Zero });

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ServiceBusEmulator.StartAsync(options));

        Assert.Contains("queue 'bad': DefaultMessageTimeToLive must be positive", error.Message);
    }
}
