using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus;

namespace ClusterFunctions.Bench.ServiceBus;

/// <summary>Throughput of the emulator as Azure.Messaging.ServiceBus sees it: 256-byte messages, one queue.</summary>
internal sealed class ServiceBusBenchmark(ServiceBusClient client, ServiceBusEmulator emulator)
{
    static readonly BinaryData Body = new(new byte[256]);

    public async Task WarmUpAsync(string queue) => await SendSingleAsync(queue, 200);

    /// <summary>One awaited SendMessageAsync after another: what a simple producer does.</summary>
    public async Task<double> SendSingleAsync(string queue, int count)
    {
        await using var sender = client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage(Body)); // opens the link outside the clock
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await sender.SendMessageAsync(new ServiceBusMessage(Body));
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>ServiceBusMessageBatch of batchSize, one awaited send per batch.</summary>
    public async Task<double> SendBatchesAsync(string queue, int count, int batchSize)
    {
        await using var sender = client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage(Body));
        var watch = Stopwatch.StartNew();
        for (var sent = 0; sent < count; sent += batchSize)
        {
            using var batch = await sender.CreateMessageBatchAsync();
            for (var i = 0; i < batchSize; i++)
            {
                if (!batch.TryAddMessage(new ServiceBusMessage(Body)))
                {
                    throw new InvalidOperationException($"batch: message {i} did not fit");
                }
            }

            await sender.SendMessagesAsync(batch);
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    public async Task FillAsync(string queue, int count, int batchSize) => await SendBatchesAsync(queue, count, batchSize);

    /// <summary>Peek-lock receivers (prefetch 100), each completing every message it gets, until the queue is empty.</summary>
    public async Task<double> ReceiveAndCompleteAsync(string queue, int count, int receivers)
    {
        var total = emulator.GetMessageCount(queue);
        var completed = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, receivers).Select(async _ =>
        {
            await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = 100 });
            while (Volatile.Read(ref completed) < total)
            {
                var messages = await receiver.ReceiveMessagesAsync(50, TimeSpan.FromMilliseconds(200));
                foreach (var message in messages)
                {
                    await receiver.CompleteMessageAsync(message);
                }

                Interlocked.Add(ref completed, messages.Count);
            }
        }));
        var rate = completed / watch.Elapsed.TotalSeconds;
        if (emulator.GetMessageCount(queue) != 0 || completed < count)
        {
            throw new InvalidOperationException($"receive: {completed} completed of {total}, {emulator.GetMessageCount(queue)} left");
        }

        return rate;
    }
}
