using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>Message time to live on the emulator's clock (a fake one here), with dead-lettering on expiry where the queue enables it.</summary>
public sealed class ExpiryTests
{
    [Fact]
    public async Task ExpiredMessage_OnAQueueWithDeadLetteringOnExpiration_MovesToTheDeadLetterQueue()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Emulator.StartAsync(Emulator.Options(time));
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("expiring");
        await using var deadLetters = client.CreateReceiver("expiring", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        await sender.SendMessageAsync(new ServiceBusMessage("short-lived") { MessageId = "ttl-1", TimeToLive = TimeSpan.FromMinutes(1) });
        await sender.SendMessageAsync(new ServiceBusMessage("long-lived") { MessageId = "ttl-2", TimeToLive = TimeSpan.FromHours(1) });
        time.Advance(TimeSpan.FromMinutes(2));
        var dead = await Emulator.ReceiveOneAsync(deadLetters);

        Assert.Equal("ttl-1", dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        Assert.Equal(1, emulator.GetMessageCount("expiring"));
    }

    [Fact]
    public async Task ExpiredMessage_OnAQueueWithoutDeadLettering_IsDropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Emulator.StartAsync(Emulator.Options(time));
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");

        await sender.SendMessageAsync(new ServiceBusMessage("short-lived") { TimeToLive = TimeSpan.FromMinutes(1) });
        var before = emulator.GetMessageCount("q");
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, before);
        Assert.Equal(0, emulator.GetMessageCount("q"));
        Assert.Equal(0, emulator.GetMessageCount("q/$DeadLetterQueue"));
    }
}
