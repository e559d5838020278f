using Amqp;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Protocol;

/// <summary>
/// A receive link's credit follows the client's flow frames as the AMQP spec defines it: the sender may send up to
/// flow.delivery-count + flow.link-credit. Flows are sent here one by one through AMQPNetLite's client, because the
/// SDKs only produce these sequences under timing no test can hold still.
/// </summary>
public sealed class ReceiveCreditTests
{
    [Fact]
    public async Task AFlowThatRepeatsTheClientsLimit_KeepsTheCreditItGave()
    {
        await using var emulator = await Emulator.StartAsync();
        var connection = await RawAmqp.ConnectAsync(emulator, ServiceBusEmulatorOptions.DefaultKeyName, Emulator.Key);
        var session = new Session(connection);
        var receiver = new ReceiverLink(session, "r", "q");
        receiver.SetCredit(3, CreditMode.Manual);
        // Adds nothing but sends the flow again (delivery-count 0, link-credit 3): the three deliveries stay owed.
        receiver.SetCredit(0, CreditMode.Manual);

        var sender = new SenderLink(session, "s", "q");
        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync(new Message($"m{i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            var message = await receiver.ReceiveAsync(Emulator.Wait);
            Assert.True(message is not null, $"message {i} was not delivered although the client's credit covered it");
            receiver.Accept(message);
        }

        await connection.CloseAsync();
    }

    [Fact]
    public async Task AFlowThatLowersTheLimit_LeavesWhatIsStillOwed()
    {
        await using var emulator = await Emulator.StartAsync();
        var connection = await RawAmqp.ConnectAsync(emulator, ServiceBusEmulatorOptions.DefaultKeyName, Emulator.Key);
        var session = new Session(connection);
        var receiver = new ReceiverLink(session, "r", "q");
        receiver.SetCredit(5, CreditMode.Manual);
        // Manual credit adds up: this flow says delivery-count 0, link-credit 2.
        receiver.SetCredit(-3, CreditMode.Manual);
        // Sends no flow; it only keeps the client's receive calls from issuing their default credit of 200.
        receiver.SetCredit(0, CreditMode.Auto);

        var sender = new SenderLink(session, "s", "q");
        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync(new Message($"m{i}"));
        }

        for (var i = 0; i < 2; i++)
        {
            var message = await receiver.ReceiveAsync(Emulator.Wait);
            Assert.True(message is not null, $"message {i} was not delivered although the client's lowered credit still covered it");
            receiver.Accept(message);
        }

        // The third is beyond the lowered limit: it stays in the queue for the next credit.
        Assert.Null(await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Equal(1, emulator.GetMessageCount("q"));
        await connection.CloseAsync();
    }
}
