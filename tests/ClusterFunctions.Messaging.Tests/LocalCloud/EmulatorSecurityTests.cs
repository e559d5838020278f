using ClusterFunctions.LocalCloud.ServiceBus;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Tests.Support;
using AmqpAddress = global::Amqp.Address;
using AmqpConnectionFactory = global::Amqp.ConnectionFactory;
using SaslProfile = global::Amqp.Sasl.SaslProfile;

namespace ClusterFunctions.Messaging.Tests.LocalCloud;

/// <summary>How the emulator authorises links: SAS on $cbs, SASL PLAIN with the key, and nothing else.</summary>
public sealed class EmulatorSecurityTests
{
    [Fact]
    public async Task Attach_WithoutAToken_IsRefusedAsUnauthorised()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = GenericClient(new Uri($"amqp://127.0.0.1:{emulator.Port}"));

        var error = await Assert.ThrowsAsync<MessagingException>(() => client.CreateSender("q").SendAsync(TestEmulator.Text("x")));

        Assert.Equal("amqp:unauthorized-access", error.Condition);
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task Attach_WithSaslPlainKeyNameAndKey_IsAllowed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = GenericClient(new Uri($"amqp://{ServiceBusEmulatorOptions.DefaultKeyName}:test-key@127.0.0.1:{emulator.Port}"));

        await client.CreateSender("q").SendAsync(TestEmulator.Text("plain"));
        var received = await TestEmulator.ReceiveOneAsync(client.CreateReceiver("q"));

        Assert.Equal("plain", TestEmulator.TextOf(received));
    }

    [Fact]
    public async Task PutToken_WithATokenForAnotherEntity_IsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var topicToken = SharedAccessSignature.Create($"sb://127.0.0.1:{emulator.Port}/t", ServiceBusEmulatorOptions.DefaultKeyName, "test-key", DateTimeOffset.UtcNow.AddHours(1));
        var factory = new AmqpConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        var connection = await factory.CreateAsync(new AmqpAddress("127.0.0.1", emulator.Port, null, null, "/", "amqp"));
        await using var cbs = new CbsClient(connection, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            cbs.PutTokenAsync($"sb://127.0.0.1:{emulator.Port}/q", "servicebus.windows.net:sastoken", topicToken));

        Assert.Contains("401", error.Message);
        Assert.Contains("does not cover", error.Message);
        await connection.CloseAsync();
    }

    static AmqpMessagingClient GenericClient(Uri endpoint) => new(new AmqpMessagingOptions
    {
        Endpoint = endpoint,
        Dialect = BrokerDialect.GenericAmqp,
        AddressResolver = path => path,
        MaxSendAttempts = 1,
        OperationTimeout = TimeSpan.FromSeconds(10),
    });
}
