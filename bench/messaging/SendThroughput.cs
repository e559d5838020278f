using System.Diagnostics;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>Send rates of 256-byte messages: one awaited SendMessageAsync at a time against ServiceBusMessageBatch.</summary>
internal sealed class SendThroughput(ServiceBusClient client)
{
    public static readonly BinaryData Body = new(new byte[256]);

    /// <summary>One awaited SendMessageAsync after another: what a simple producer does.</summary>
    public async Task<double> SingleAsync(string queue, int count)
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
    public async Task<double> BatchesAsync(string queue, int count, int batchSize)
    {
        await using var sender = client.CreateSender(queue);
        await sender.SendMessageAsync(new ServiceBusMessage(Body));
        var watch = Stopwatch.StartNew();
        await SendBatchesAsync(sender, count, batchSize, idPrefix: null);
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Sends count messages in batches; with a prefix, message i has the id "prefix-i" so a receiver can count distinct ids.</summary>
    public static async Task SendBatchesAsync(ServiceBusSender sender, int count, int batchSize, string? idPrefix, CancellationToken cancellationToken = default)
    {
        for (var sent = 0; sent < count; sent += batchSize)
        {
            using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
            for (var i = sent; i < Math.Min(sent + batchSize, count); i++)
            {
                var message = new ServiceBusMessage(Body);
                if (idPrefix is not null)
                {
                    message.MessageId = $"{idPrefix}-{i}";
                }

                if (!batch.TryAddMessage(message))
                {
                    throw new InvalidOperationException($"batch: message {i - sent} did not fit");
                }
            }

            await sender.SendMessagesAsync(batch, cancellationToken);
        }
    }
}
