using System.Diagnostics;
using ClusterFunctions.Messaging.Amqp;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>Throughput (pipelined send, receive and complete) and round-trip latency of one client against one broker.</summary>
internal sealed class MessagingBenchmark(AmqpMessagingClient client, string queue, int messages, int roundTrips)
{
    static readonly byte[] Payload = new byte[256];

    public async Task<double> ThroughputAsync()
    {
        await RunBatchAsync(200); // warm-up: connections, links, JIT
        var watch = Stopwatch.StartNew();
        await RunBatchAsync(messages);
        return messages / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Send one, receive it, complete it; the time from send to receipt, in milliseconds.</summary>
    public async Task<double[]> RoundTripsAsync()
    {
        var sender = client.CreateSender(queue);
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 1 });
        var samples = new double[roundTrips];
        for (var i = -20; i < roundTrips; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var watch = Stopwatch.StartNew();
            await sender.SendAsync(new OutgoingMessage(Payload) { MessageId = id });
            ReceivedMessage? message;
            do
            {
                message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(5));
            }
            while (message is null || message.MessageId != id);

            if (i >= 0)
            {
                samples[i] = watch.Elapsed.TotalMilliseconds;
            }

            await receiver.CompleteAsync(message);
        }

        await receiver.DisposeAsync();
        await sender.DisposeAsync();
        Array.Sort(samples);
        return samples;
    }

    async Task RunBatchAsync(int count)
    {
        var sender = client.CreateSender(queue);
        var receiver = client.CreateReceiver(queue, new ReceiverOptions { PrefetchCount = 50 });
        var prefix = Guid.NewGuid().ToString("N");
        var receiving = Task.Run(async () =>
        {
            // Count distinct ids: a broker may redeliver after a link reset, and a repeat is not throughput.
            var seen = new HashSet<string>();
            while (seen.Count < count)
            {
                var message = await receiver.ReceiveAsync(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"{seen.Count} of {count} received, then nothing for 5 s");
                await receiver.CompleteAsync(message);
                if (message.MessageId?.StartsWith(prefix, StringComparison.Ordinal) == true)
                {
                    seen.Add(message.MessageId);
                }
            }
        });
        using (var window = new SemaphoreSlim(100))
        {
            var sends = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                await window.WaitAsync();
                var message = new OutgoingMessage(Payload) { MessageId = $"{prefix}-{i}" };
                sends.Add(SendAndReleaseAsync(sender, message, window));
            }

            await Task.WhenAll(sends);
        }

        await receiving;
        await receiver.DisposeAsync();
        await sender.DisposeAsync();
    }

    static async Task SendAndReleaseAsync(AmqpMessageSender sender, OutgoingMessage message, SemaphoreSlim window)
    {
        try
        {
            await sender.SendAsync(message);
        }
        finally
        {
            window.Release();
        }
    }

    public static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
