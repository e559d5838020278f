using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Messaging.Tests.Amqp;

/// <summary>Lock expiry, lock renewal and scheduled messages, with the emulator on a fake clock.</summary>
public sealed class ServiceBusLockTests
{
    [Fact]
    public async Task ReceiveAsync_LockExpires_MessageIsRedeliveredWithHigherCount()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(time);
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("slow", "id-s"));
        var receiver = client.CreateReceiver("q");
        var first = await TestEmulator.ReceiveOneAsync(receiver);

        time.Advance(TimeSpan.FromSeconds(31));
        var again = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal("id-s", again.MessageId);
        Assert.Equal(2, again.DeliveryCount);
        Assert.NotEqual(first.LockToken, again.LockToken);
    }

    [Fact]
    public async Task RenewLockAsync_BeforeExpiry_KeepsTheMessageLockedPastTheFirstExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(time);
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("long job"));
        var receiver = client.CreateReceiver("q");
        var message = await TestEmulator.ReceiveOneAsync(receiver);
        var firstExpiry = message.LockedUntil!.Value;

        time.Advance(TimeSpan.FromSeconds(20));
        var renewed = await receiver.RenewLockAsync(message);
        time.Advance(TimeSpan.FromSeconds(20));
        await receiver.CompleteAsync(message);

        Assert.Equal(time.GetUtcNow() - TimeSpan.FromSeconds(20) + TimeSpan.FromSeconds(30), renewed, TimeSpan.FromSeconds(1));
        Assert.True(renewed > firstExpiry);
        await Eventually.TrueAsync(() => emulator.GetMessageCount("q") == 0, "the completion under the renewed lock removed the message");
    }

    [Fact]
    public async Task RenewLockAsync_AfterExpiry_ThrowsLockLost()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(time);
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("expired"));
        var receiver = client.CreateReceiver("q", new ReceiverOptions { PrefetchCount = 1 });
        var message = await TestEmulator.ReceiveOneAsync(receiver);

        time.Advance(TimeSpan.FromSeconds(31));

        await Assert.ThrowsAsync<MessageLockLostException>(() => receiver.RenewLockAsync(message));
    }

    [Fact]
    public async Task SendAsync_Scheduled_StaysInvisibleUntilItsTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(time);
        await using var client = TestEmulator.Client(emulator);
        var sender = client.CreateSender("q");
        await sender.SendAsync(new OutgoingMessage("later"u8.ToArray()) { ScheduledEnqueueTime = time.GetUtcNow().AddHours(1) });
        await sender.SendAsync(TestEmulator.Text("now"));
        var receiver = client.CreateReceiver("q");

        var first = await TestEmulator.ReceiveOneAsync(receiver);
        Assert.Equal("now", TestEmulator.TextOf(first));
        await receiver.CompleteAsync(first);
        await Eventually.TrueAsync(() => emulator.GetMessageCount("q") == 0, "only the scheduled message is left, and it is not yet visible");

        // AMQP timestamps carry milliseconds and may round up, so step just past the due time.
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1));
        var second = await TestEmulator.ReceiveOneAsync(receiver);
        Assert.Equal("later", TestEmulator.TextOf(second));
    }

    [Fact]
    public async Task ScheduleAsync_ThenCancel_OnlyTheUncancelledMessageArrives()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(time);
        await using var client = TestEmulator.Client(emulator);
        var sender = client.CreateSender("t");
        var kept = await sender.ScheduleAsync(TestEmulator.Text("kept", "s-1"), time.GetUtcNow().AddMinutes(5));
        var cancelled = await sender.ScheduleAsync(TestEmulator.Text("cancelled", "s-2"), time.GetUtcNow().AddMinutes(5));

        await sender.CancelScheduledAsync(cancelled);
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromMilliseconds(1));
        var receiver = client.CreateReceiver(EntityPaths.Subscription("t", "a"));
        var arrived = await TestEmulator.ReceiveOneAsync(receiver);
        await receiver.CompleteAsync(arrived);

        Assert.NotEqual(kept, cancelled);
        Assert.Equal("s-1", arrived.MessageId);
        await Eventually.TrueAsync(() => emulator.GetMessageCount("t/Subscriptions/a") == 0, "the cancelled message never became visible");
        Assert.Equal(1, emulator.GetMessageCount("t/Subscriptions/b"));
    }
}
