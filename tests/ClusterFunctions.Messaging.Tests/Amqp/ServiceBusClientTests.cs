using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.Amqp;

/// <summary>The Service Bus client against the emulator: send, peek-lock, settlement, dead-letter, duplicates, topics.</summary>
public sealed class ServiceBusClientTests
{
    [Fact]
    public async Task SendAsync_WithAllProperties_ReceiverSeesThemIntact()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var sender = client.CreateSender("q");
        await sender.SendAsync(new OutgoingMessage("{\"a\":1}"u8.ToArray())
        {
            MessageId = "m-1",
            CorrelationId = "c-1",
            Subject = "cluster.create",
            ContentType = "application/json",
            ApplicationProperties = { ["tenant"] = "blue", ["attempt"] = 2, ["urgent"] = true },
        });

        var receiver = client.CreateReceiver("q");
        var received = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("c-1", received.CorrelationId);
        Assert.Equal("cluster.create", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("{\"a\":1}", TestEmulator.TextOf(received));
        Assert.Equal("blue", received.ApplicationProperties["tenant"]);
        Assert.Equal(2, received.ApplicationProperties["attempt"]);
        Assert.Equal(true, received.ApplicationProperties["urgent"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.NotEqual(Guid.Empty, received.LockToken);
        Assert.NotNull(received.SequenceNumber);
        Assert.NotNull(received.LockedUntil);
    }

    [Fact]
    public async Task CompleteAsync_ReceivedMessage_RemovesItFromTheQueue()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("one"));
        await client.CreateSender("q").SendAsync(TestEmulator.Text("two"));
        var receiver = client.CreateReceiver("q", new ReceiverOptions { PrefetchCount = 1 });

        var first = await TestEmulator.ReceiveOneAsync(receiver);
        await receiver.CompleteAsync(first);
        var second = await TestEmulator.ReceiveOneAsync(receiver);
        await receiver.CompleteAsync(second);
        await receiver.DisposeAsync();

        Assert.Equal(["one", "two"], new[] { TestEmulator.TextOf(first), TestEmulator.TextOf(second) });
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task AbandonAsync_ReceivedMessage_IsRedeliveredWithHigherDeliveryCount()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("again", "id-a"));
        var receiver = client.CreateReceiver("q");

        var first = await TestEmulator.ReceiveOneAsync(receiver);
        await receiver.AbandonAsync(first);
        var second = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal("id-a", second.MessageId);
        Assert.Equal(1, first.DeliveryCount);
        Assert.Equal(2, second.DeliveryCount);
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task DeadLetterAsync_WithReason_MessageAppearsInDeadLetterQueueWithReason()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("poison", "id-p"));
        var receiver = client.CreateReceiver("q");
        var received = await TestEmulator.ReceiveOneAsync(receiver);

        await receiver.DeadLetterAsync(received, "ValidationFailed", "clusterName: must match ^[a-z][a-z0-9]{0,11}$");
        var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue("q")));

        Assert.Equal("id-p", dead.MessageId);
        Assert.Equal("poison", TestEmulator.TextOf(dead));
        Assert.Equal("ValidationFailed", dead.DeadLetterReason);
        Assert.Equal("clusterName: must match ^[a-z][a-z0-9]{0,11}$", dead.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task AbandonAsync_UpToMaxDeliveryCount_DeadLettersWithMaxDeliveryCountExceeded()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("flaky", "id-f"));
        var receiver = client.CreateReceiver("q");

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var message = await TestEmulator.ReceiveOneAsync(receiver);
            Assert.Equal(attempt, message.DeliveryCount);
            await receiver.AbandonAsync(message);
        }

        var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue("q")));
        Assert.Equal("id-f", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task SendAsync_SameMessageIdInsideWindow_IsDeliveredOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var sender = client.CreateSender("q");
        await sender.SendAsync(TestEmulator.Text("first", "dup"));
        await sender.SendAsync(TestEmulator.Text("second", "dup"));
        await sender.SendAsync(TestEmulator.Text("marker", "other"));
        var receiver = client.CreateReceiver("q");

        var first = await TestEmulator.ReceiveOneAsync(receiver);
        var next = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal("first", TestEmulator.TextOf(first));
        Assert.Equal("marker", TestEmulator.TextOf(next));
    }

    [Fact]
    public async Task SendAsync_ToTopic_EverySubscriptionReceivesACopy()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("t").SendAsync(TestEmulator.Text("event", "e-1"));

        var a = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.Subscription("t", "a")));
        var b = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.Subscription("t", "b")));

        Assert.Equal("e-1", a.MessageId);
        Assert.Equal("e-1", b.MessageId);
    }

    [Fact]
    public async Task DeadLetterAsync_OnSubscription_LandsInTheSubscriptionsDeadLetterQueue()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("t").SendAsync(TestEmulator.Text("event", "e-2"));
        var receiver = client.CreateReceiver(EntityPaths.Subscription("t", "a"));
        await receiver.DeadLetterAsync(await TestEmulator.ReceiveOneAsync(receiver), "Unwanted");

        var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue(EntityPaths.Subscription("t", "a"))));

        Assert.Equal("e-2", dead.MessageId);
        Assert.Equal("Unwanted", dead.DeadLetterReason);
        Assert.Equal(1, emulator.GetMessageCount("t/Subscriptions/b"));
    }

    [Fact]
    public async Task SendAsync_UnknownEntity_FailsWithNotFound()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);

        var error = await Assert.ThrowsAsync<MessagingException>(() => client.CreateSender("nope").SendAsync(TestEmulator.Text("x")));

        Assert.Equal("amqp:not-found", error.Condition);
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public async Task SendAsync_WrongKey_IsRefusedByCbs()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator.ConnectionString.Replace("SharedAccessKey=test-key", "SharedAccessKey=wrong"));

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.CreateSender("q").SendAsync(TestEmulator.Text("x")));

        Assert.Contains("sig: signature does not match the key", error.Message);
    }

    [Fact]
    public async Task ReceiveAsync_ReceiveAndDelete_MessageIsGoneOnReceiptAndCannotBeSettled()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        await client.CreateSender("q").SendAsync(TestEmulator.Text("once", "rd-1"));
        var receiver = client.CreateReceiver("q", new ReceiverOptions { ReceiveAndDelete = true, PrefetchCount = 1 });

        var received = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal("rd-1", received.MessageId);
        Assert.Equal(0, emulator.GetMessageCount("q"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.AbandonAsync(received));
    }
}
