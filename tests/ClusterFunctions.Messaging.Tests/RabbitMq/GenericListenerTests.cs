using System.Collections.Concurrent;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;
using ClusterFunctions.Messaging.Tests.Listener;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.RabbitMq;

/// <summary>The queue listener in generic mode: RabbitMQ's delivery limit and dead-letter exchange do what Service Bus does natively.</summary>
public sealed class GenericListenerTests
{
    [Fact]
    public async Task RunAsync_ValidInvalidAndFailing_EachEndsWhereItShould()
    {
        await using var broker = await RabbitMqBroker.ConnectAsync();
        var queue = await broker.DeclareQueueAsync(deliveryLimit: 2);
        await using var client = broker.Client();
        var handled = new ConcurrentQueue<string>();
        var attempts = 0;
        var valid = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<TestRequest>(client, queue, TestRequest.Decode, (request, _, _) =>
        {
            if (request.Name == "failing")
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("always");
            }

            handled.Enqueue(request.Name);
            valid.TrySetResult();
            return Task.CompletedTask;
        }, new QueueListenerOptions { PrefetchCount = 1, MaxConcurrentCalls = 1 });
        var sender = client.CreateSender(queue);
        await sender.SendAsync(TestRequest.Message("Bad_Name", "invalid"));
        await sender.SendAsync(TestRequest.Message("failing", "failing"));
        await sender.SendAsync(TestRequest.Message("fine", "fine"));

        var deadLetters = client.CreateReceiver(queue + ".dlq", new ReceiverOptions { PrefetchCount = 1 });
        var dead = new List<string?>();
        await using (new RunningListener<TestRequest>(listener))
        {
            await valid.Task.WaitAsync(TestEmulator.Wait);
            for (var i = 0; i < 2; i++)
            {
                var message = await TestEmulator.ReceiveOneAsync(deadLetters);
                dead.Add(message.MessageId);
                await deadLetters.CompleteAsync(message);
            }
        }

        Assert.Equal(["fine"], handled);
        Assert.Equal(new[] { "failing", "invalid" }, dead.Order());
        Assert.True(attempts >= 2, $"the failing message was tried {attempts} times; the broker's limit allows more than one");
    }
}
