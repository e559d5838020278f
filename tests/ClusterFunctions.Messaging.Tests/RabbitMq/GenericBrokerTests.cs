using ClusterFunctions.Core.Events;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Events;
using ClusterFunctions.Messaging.Tests.Events;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.RabbitMq;

/// <summary>The send/receive/complete/abandon/dead-letter suite in generic mode against a real RabbitMQ with its AMQP 1.0 plugin.</summary>
public sealed class GenericBrokerTests
{
    [Fact]
    public async Task SendAsync_WithAllProperties_ReceiverSeesThemIntact()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync();
        await using var client = broker.Client();
        await client.CreateSender(queue).SendAsync(new OutgoingMessage("{\"a\":1}"u8.ToArray())
        {
            MessageId = "m-1",
            CorrelationId = "c-1",
            Subject = "cluster.create",
            ContentType = "application/json",
            ApplicationProperties = { ["tenant"] = "blue", ["attempt"] = 2, ["urgent"] = true },
        });

        var received = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 }));

        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("c-1", received.CorrelationId);
        Assert.Equal("cluster.create", received.Subject);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal("{\"a\":1}", TestEmulator.TextOf(received));
        Assert.Equal("blue", received.ApplicationProperties["tenant"]);
        Assert.Equal(2, received.ApplicationProperties["attempt"]);
        Assert.Equal(true, received.ApplicationProperties["urgent"]);
    }

    [Fact]
    public async Task CompleteAsync_ReceivedMessage_DoesNotComeBack()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync();
        await using var client = broker.Client();
        var sender = client.CreateSender(queue);
        await sender.SendAsync(TestEmulator.Text("done", "id-done"));
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 });
        await receiver.CompleteAsync(await TestEmulator.ReceiveOneAsync(receiver));
        await receiver.DisposeAsync(); // unsettled messages would return to the queue now

        await sender.SendAsync(TestEmulator.Text("marker", "id-marker"));
        var next = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 }));

        Assert.Equal("id-marker", next.MessageId);
    }

    [Fact]
    public async Task AbandonAsync_ReleasesTheMessageForRedelivery()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync();
        await using var client = broker.Client();
        await client.CreateSender(queue).SendAsync(TestEmulator.Text("again", "id-again"));
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 });

        await receiver.AbandonAsync(await TestEmulator.ReceiveOneAsync(receiver));
        var again = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal("id-again", again.MessageId);
    }

    [Fact]
    public async Task DeadLetterAsync_RoutesTheMessageToTheDeadLetterQueue()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync();
        await using var client = broker.Client();
        await client.CreateSender(queue).SendAsync(TestEmulator.Text("poison", "id-poison"));
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 });

        await receiver.DeadLetterAsync(await TestEmulator.ReceiveOneAsync(receiver), "ValidationFailed", "name: bad");
        var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(queue + ".dlq", new ReceiverOptions { PrefetchCount = 1 }));

        Assert.Equal("id-poison", dead.MessageId);
        Assert.Equal("poison", TestEmulator.TextOf(dead));
    }

    [Fact]
    public async Task AbandonAsync_PastTheBrokersDeliveryLimit_DeadLetters()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync(deliveryLimit: 2);
        await using var client = broker.Client();
        await client.CreateSender(queue).SendAsync(TestEmulator.Text("flaky", "id-flaky"));
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 });

        for (var i = 0; i < 3; i++)
        {
            await receiver.AbandonAsync(await TestEmulator.ReceiveOneAsync(receiver));
        }

        var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(queue + ".dlq", new ReceiverOptions { PrefetchCount = 1 }));
        Assert.Equal("id-flaky", dead.MessageId);
        Assert.Equal(0u, await broker.ReadyCountAsync(queue));
    }

    [Fact]
    public async Task SendAsync_ToExchange_RoutesBySubjectToBoundQueues()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var (exchange, queues) = await broker.DeclareTopicAsync("cluster.ready", "cluster.#");
        await using var client = broker.Client();
        var sender = client.CreateSender(exchange);
        await sender.SendAsync(new OutgoingMessage("r"u8.ToArray()) { MessageId = "ready", Subject = "cluster.ready" });
        await sender.SendAsync(new OutgoingMessage("f"u8.ToArray()) { MessageId = "failed", Subject = "cluster.failed" });

        var onlyReady = client.CreateReceiver(queues[0], new ReceiverOptions { PrefetchCount = 1 });
        var everything = client.CreateReceiver(queues[1], new ReceiverOptions { PrefetchCount = 1 });
        var first = await TestEmulator.ReceiveOneAsync(everything);
        await everything.CompleteAsync(first);
        var second = await TestEmulator.ReceiveOneAsync(everything);
        var ready = await TestEmulator.ReceiveOneAsync(onlyReady);
        await onlyReady.CompleteAsync(ready);

        Assert.Equal(new[] { "ready", "failed" }, new[] { first.MessageId, second.MessageId });
        Assert.Equal("ready", ready.MessageId);
        await Eventually.TrueAsync(() => broker.ReadyCountAsync(queues[0]).GetAwaiter().GetResult() == 0, "the failed event never reached the cluster.ready queue");
    }

    [Fact]
    public async Task ServiceBusOnlyFeatures_InGenericMode_AreRefusedClearly()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync();
        await using var client = broker.Client();
        var sender = client.CreateSender(queue);

        var scheduled = await Assert.ThrowsAsync<NotSupportedException>(() =>
            sender.SendAsync(new OutgoingMessage("x"u8.ToArray()) { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddMinutes(1) }));
        await sender.SendAsync(TestEmulator.Text("lock"));
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 });
        var renew = await Assert.ThrowsAsync<NotSupportedException>(async () => await receiver.RenewLockAsync(await TestEmulator.ReceiveOneAsync(receiver)));

        Assert.StartsWith("ScheduledEnqueueTime:", scheduled.Message);
        Assert.StartsWith("RenewLockAsync:", renew.Message);
    }

    [Fact]
    public async Task PublishAsync_ToAnExchange_SubscriberQueueGetsTheCloudEventRoutedByType()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var (exchange, queues) = await broker.DeclareTopicAsync("io.clusterfunctions.cluster.ready");
        await using var client = broker.Client();
        var publisher = new ServiceBusEventPublisher(client, exchange);

        await publisher.PublishAsync(ClusterEventTypes.StepProgressed, ClusterEventSamples.Ready());
        await publisher.PublishAsync(ClusterEventTypes.Ready, ClusterEventSamples.Ready());
        var received = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(queues[0], new ReceiverOptions { PrefetchCount = 1 }));
        var cloudEvent = ClusterCloudEvents.Decode(received.Body);

        Assert.Equal(ClusterEventTypes.Ready, cloudEvent.Type);
        Assert.Equal("blue", cloudEvent.Subject);
        Assert.Equal("req-42", ClusterCloudEvents.ReadData(cloudEvent)!.RequestId);
    }
}
