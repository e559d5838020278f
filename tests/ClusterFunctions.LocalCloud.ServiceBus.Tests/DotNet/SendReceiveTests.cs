using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

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
}
