using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>
/// Send, receive and complete at once on an empty queue of the phase's own: one sender sends batches of 100 while
/// peek-lock receivers on the same connection receive and complete each message. The figure is distinct message ids
/// completed per second, from the first send to the completion of the last new id (a redelivery is not throughput).
/// </summary>
internal sealed class ReceiveThroughput(ServiceBusClient client, int prefetch)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(2);

    public async Task<double> RunAsync(string queue, int count, int receivers)
    {
        var prefix = Guid.NewGuid().ToString("N");
        var seen = new ConcurrentDictionary<string, byte>();
        var distinct = 0;
        var finished = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        await using var sender = client.CreateSender(queue);
        var links = Enumerable.Range(0, receivers)
            .Select(_ => client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = prefetch }))
            .ToList();
        // Attach every link before the clock starts: a batch needs the sender's link (for its size limit), and the
        // queue is empty, so these receives come back empty.
        (await sender.CreateMessageBatchAsync()).Dispose();
        await Task.WhenAll(links.Select(link => link.ReceiveMessagesAsync(1, TimeSpan.FromMilliseconds(1))));

        var watch = Stopwatch.StartNew();
        var receiving = links.Select(link => Task.Run(() => ReceiveUntilStoppedAsync(link))).ToList();
        await SendThroughput.SendBatchesAsync(sender, count, BatchSize, prefix);
        var elapsed = await finished.Task.WaitAsync(Stall);
        await stop.CancelAsync();
        await Task.WhenAll(receiving);
        foreach (var link in links)
        {
            await link.DisposeAsync();
        }

        return count / elapsed.TotalSeconds;

        async Task ReceiveUntilStoppedAsync(ServiceBusReceiver link)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var message in await link.ReceiveMessagesAsync(50, TimeSpan.FromMilliseconds(200), stop.Token))
                    {
                        await link.CompleteMessageAsync(message, stop.Token);
                        if (message.MessageId.StartsWith(prefix, StringComparison.Ordinal) && seen.TryAdd(message.MessageId, 0)
                            && Interlocked.Increment(ref distinct) == count)
                        {
                            finished.TrySetResult(watch.Elapsed);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The last id is in: receivers still waiting are told to stop.
            }
            catch (Exception e)
            {
                finished.TrySetException(e);
            }
        }
    }
}
