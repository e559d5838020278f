using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>Many short timed receives in a row, the way a polling consumer (and the SDK's processor) reads.</summary>
public sealed class TimedReceiveTests
{
    /// <summary>
    /// Each receive asks for one message, and the client's flow for the next can reach the emulator while it is still
    /// counting the transfer before. That once closed the session's send window (see FlowWindowPatch): the message
    /// was held until the receive gave up and drained, so the receive came back empty. 200 receives hit that race
    /// several times on a loaded machine; each now gets its message.
    /// </summary>
    [Fact]
    public async Task ReceiveOneAtATime_EveryReceiveGetsAMessageThatIsWaiting()
    {
        var empty = new List<string>();
        for (var round = 0; round < 40; round++)
        {
            await using var emulator = await Emulator.StartAsync();
            await using var client = Emulator.Client(emulator);
            await using var sender = client.CreateSender("t");
            await using var receiver = client.CreateReceiver("t", "b", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
            await sender.SendMessagesAsync(Enumerable.Range(0, 5).Select(i => new ServiceBusMessage($"m{i}")));
            for (var i = 0; i < 5; i++)
            {
                if (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(3)) is null)
                {
                    empty.Add($"round {round} receive {i}");
                }
            }
        }

        Assert.True(empty.Count == 0, $"receives that came back empty with messages waiting: {string.Join(", ", empty)}");
    }
}
