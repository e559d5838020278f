using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>Sessions through Azure.Messaging.ServiceBus: accepting, locking and session state.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task AcceptNextSession_GetsOneSessionsMessagesInOrder_AndAnotherReceiverGetsTheOther()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("sessions");

        await sender.SendMessagesAsync([
            new ServiceBusMessage("a1") { SessionId = "alpha" },
            new ServiceBusMessage("b1") { SessionId = "beta" },
            new ServiceBusMessage("a2") { SessionId = "alpha" },
        ]);
        await using var first = await client.AcceptNextSessionAsync("sessions");
        await using var second = await client.AcceptNextSessionAsync("sessions");
        var firstBodies = await ReceiveAllAsync(first, 2);
        var secondBodies = await ReceiveAllAsync(second, 1);

        Assert.Equal("alpha", first.SessionId);
        Assert.Equal(["a1", "a2"], firstBodies);
        Assert.Equal("beta", second.SessionId);
        Assert.Equal(["b1"], secondBodies);
        Assert.True(first.SessionLockedUntil > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task AcceptSession_ById_KeepsStateAndRenewsLock_AndASecondReceiverCannotLockIt()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("sessions");

        await sender.SendMessageAsync(new ServiceBusMessage("g1") { SessionId = "gamma" });
        await using var receiver = await client.AcceptSessionAsync("sessions", "gamma");
        await receiver.SetSessionStateAsync(new BinaryData("step-1"));
        var state = await receiver.GetSessionStateAsync();
        var before = receiver.SessionLockedUntil;
        await receiver.RenewSessionLockAsync();
        var taken = await Assert.ThrowsAsync<ServiceBusException>(() => client.AcceptSessionAsync("sessions", "gamma"));
        var message = await Emulator.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(message);

        Assert.Equal("step-1", state.ToString());
        Assert.True(receiver.SessionLockedUntil > before);
        Assert.Equal(ServiceBusFailureReason.SessionCannotBeLocked, taken.Reason);
        Assert.Equal("gamma", message.SessionId);
    }

    [Fact]
    public async Task AcceptNextSession_WithNoSessionWaiting_TimesOutWithServiceTimeout()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = new ServiceBusClient(emulator.ConnectionString, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(1) },
        });

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.AcceptNextSessionAsync("sessions"));

        Assert.Equal(ServiceBusFailureReason.ServiceTimeout, error.Reason);
    }

    static async Task<List<string>> ReceiveAllAsync(ServiceBusSessionReceiver receiver, int count)
    {
        var bodies = new List<string>();
        while (bodies.Count < count)
        {
            var message = await Emulator.ReceiveOneAsync(receiver);
            await receiver.CompleteMessageAsync(message);
            bodies.Add(message.Body.ToString());
        }

        return bodies;
    }
}
