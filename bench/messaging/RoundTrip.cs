using System.Diagnostics;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>
/// One message at a time: send it (awaiting the broker's accept), receive it, complete it. The sample is the time from
/// the start of the send to the receipt; the complete is outside it. The receiver keeps the SDK's default prefetch (0),
/// so each receive asks the broker for the message as an application without prefetch does.
/// </summary>
internal sealed class RoundTrip(ServiceBusClient client)
{
    private const int WarmUp = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    /// <summary>The samples in milliseconds, ascending.</summary>
    public async Task<double[]> RunAsync(string queue, int samples)
    {
        await using var sender = client.CreateSender(queue);
        await using var receiver = client.CreateReceiver(queue);
        var measured = new double[samples];
        for (var i = -WarmUp; i < samples; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var started = Stopwatch.GetTimestamp();
            await sender.SendMessageAsync(new ServiceBusMessage(SendThroughput.Body) { MessageId = id });
            ServiceBusReceivedMessage? message;
            do
            {
                message = await receiver.ReceiveMessageAsync(Patience)
                    ?? throw new TimeoutException($"round trip {i}: nothing received within {Patience.TotalSeconds} s");
                if (message.MessageId != id)
                {
                    // Not this round's (a redelivery): settle it so it does not come back, and keep waiting.
                    await receiver.CompleteMessageAsync(message);
                }
            }
            while (message.MessageId != id);

            if (i >= 0)
            {
                measured[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            await receiver.CompleteMessageAsync(message);
        }

        Array.Sort(measured);
        return measured;
    }
}
