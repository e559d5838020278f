using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>Sending and receiving through Azure.Messaging.ServiceBus with the official emulator's connection string.</summary>
public sealed class SendReceiveTests
{
    [Fact]
    public async Task SendMessage_ThenPeekLockAndComplete_DeliversOnceWithProperties()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");

        await sender.SendMessageAsync(new ServiceBusMessage("hello") { MessageId = "m-1", Subject = "create", ApplicationProperties = { ["tenant"] = "blue" } });
        var message = await Emulator.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(message);

        Assert.Equal("hello", message.Body.ToString());
        Assert.Equal("m-1", message.MessageId);
        Assert.Equal("create", message.Subject);
        Assert.Equal("blue", message.ApplicationProperties["tenant"]);
        Assert.Equal(1, message.DeliveryCount);
        Assert.True(message.SequenceNumber > 0);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task SendMessageBatch_OfTen_DeliversAllInOrder()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        using var batch = await sender.CreateMessageBatchAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"m{i}")));
        }

        await sender.SendMessagesAsync(batch);
        var bodies = new List<string>();
        while (bodies.Count < 10)
        {
            var messages = await receiver.ReceiveMessagesAsync(10, Emulator.Wait);
            Assert.NotEmpty(messages);
            bodies.AddRange(messages.Select(m => m.Body.ToString()));
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), bodies);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task ReceiveAndDelete_RemovesTheMessageOnDelivery()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        await sender.SendMessageAsync(new ServiceBusMessage("gone"));
        var message = await Emulator.ReceiveOneAsync(receiver);

        Assert.Equal("gone", message.Body.ToString());
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task Abandon_RaisesDeliveryCount_AndAtMaxDeliveryCountTheBrokerDeadLetters()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");
        await using var deadLetters = client.CreateReceiver("q", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "p-1" });
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var message = await Emulator.ReceiveOneAsync(receiver);
            counts.Add(message.DeliveryCount);
            await receiver.AbandonMessageAsync(message, new Dictionary<string, object> { ["attempt"] = i });
        }

        var dead = await Emulator.ReceiveOneAsync(deadLetters);

        Assert.Equal([1, 2, 3], counts);
        Assert.Equal("p-1", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Equal(2, dead.ApplicationProperties["attempt"]);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task DeadLetter_WithReasonAndDescription_IsReadableOnTheDeadLetterQueue()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");
        await using var deadLetters = client.CreateReceiver("q", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        await sender.SendMessageAsync(new ServiceBusMessage("bad") { MessageId = "d-1" });
        await receiver.DeadLetterMessageAsync(await Emulator.ReceiveOneAsync(receiver), "InvalidRequest", "profile: unknown profile 'x'");
        var dead = await Emulator.ReceiveOneAsync(deadLetters);
        await deadLetters.CompleteMessageAsync(dead);

        Assert.Equal("d-1", dead.MessageId);
        Assert.Equal("InvalidRequest", dead.DeadLetterReason);
        Assert.Equal("profile: unknown profile 'x'", dead.DeadLetterErrorDescription);
        Assert.Equal("q", dead.DeadLetterSource);
        Assert.Equal(0, emulator.GetMessageCount("q/$DeadLetterQueue"));
    }

    [Fact]
    public async Task Defer_ThenReceiveDeferredBySequenceNumber_SettlesThroughTheManagementLink()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");

        await sender.SendMessageAsync(new ServiceBusMessage("later") { MessageId = "f-1" });
        var first = await Emulator.ReceiveOneAsync(receiver);
        await receiver.DeferMessageAsync(first);
        var nothingElse = await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));

        var deferred = await receiver.ReceiveDeferredMessageAsync(first.SequenceNumber);
        await receiver.AbandonMessageAsync(deferred); // update-disposition: stays deferred
        var again = await receiver.ReceiveDeferredMessageAsync(first.SequenceNumber);
        await receiver.CompleteMessageAsync(again);
        var missing = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveDeferredMessageAsync(first.SequenceNumber));

        Assert.Null(nothingElse);
        Assert.Equal("f-1", deferred.MessageId);
        Assert.Equal(ServiceBusMessageState.Deferred, deferred.State);
        Assert.Equal(ServiceBusFailureReason.MessageNotFound, missing.Reason);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task RenewMessageLock_MovesLockedUntilForward()
    {
        // The emulator's own clock, moved on by hand: on the system clock a renewal in the same millisecond as the
        // delivery (loopback, in process) gave the same locked-until, which the wire carries in milliseconds.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Emulator.StartAsync(Emulator.Options(time));
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("short-lock");
        await using var receiver = client.CreateReceiver("short-lock");

        await sender.SendMessageAsync(new ServiceBusMessage("held"));
        var message = await Emulator.ReceiveOneAsync(receiver);
        var before = message.LockedUntil;
        time.Advance(TimeSpan.FromMilliseconds(500));
        await receiver.RenewMessageLockAsync(message);
        var after = message.LockedUntil;
        await receiver.CompleteMessageAsync(message);

        Assert.Equal(before + TimeSpan.FromMilliseconds(500), after);
    }

    [Fact]
    public async Task Peek_ShowsMessagesWithoutLocking_AlsoOnTheDeadLetterQueue()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");
        await using var deadLetters = client.CreateReceiver("q", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

        await sender.SendMessagesAsync([new ServiceBusMessage("one"), new ServiceBusMessage("two"), new ServiceBusMessage("three")]);
        var peeked = await receiver.PeekMessagesAsync(10);
        var next = await receiver.PeekMessageAsync();
        await receiver.DeadLetterMessageAsync(await Emulator.ReceiveOneAsync(receiver), "Peeked", "for the dead-letter peek");
        var deadPeeked = await deadLetters.PeekMessageAsync();

        Assert.Equal(["one", "two", "three"], peeked.Select(m => m.Body.ToString()));
        Assert.Null(next); // the SDK peeks on from the last sequence number it saw
        Assert.Equal("one", deadPeeked.Body.ToString());
        Assert.Equal("Peeked", deadPeeked.DeadLetterReason);
        Assert.Equal(2, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task ScheduleAndCancel_ScheduledArrivesAtItsTime_CancelledNever()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");

        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        var kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("kept"), at);
        var cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled"), at);
        await sender.CancelScheduledMessageAsync(cancelled);
        var peeked = await receiver.PeekMessagesAsync(10);
        var message = await Emulator.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(message);

        var only = Assert.Single(peeked);
        Assert.Equal(kept, only.SequenceNumber);
        Assert.Equal(ServiceBusMessageState.Scheduled, only.State);
        Assert.Equal("kept", message.Body.ToString());
        Assert.True(message.EnqueuedTime >= at.AddMilliseconds(-50) || message.ScheduledEnqueueTime == at.UtcDateTime.AddTicks(-(at.UtcDateTime.Ticks % TimeSpan.TicksPerMillisecond)));
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task Topic_CopiesEveryMessageToEachSubscription()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("t");
        await using var a = client.CreateReceiver("t", "a");
        await using var b = client.CreateReceiver("t", "b");

        await sender.SendMessageAsync(new ServiceBusMessage("event") { Subject = "ClusterReady" });
        var fromA = await Emulator.ReceiveOneAsync(a);
        var fromB = await Emulator.ReceiveOneAsync(b);
        await a.CompleteMessageAsync(fromA);
        await b.CompleteMessageAsync(fromB);

        Assert.Equal("ClusterReady", fromA.Subject);
        Assert.Equal("ClusterReady", fromB.Subject);
    }
}
