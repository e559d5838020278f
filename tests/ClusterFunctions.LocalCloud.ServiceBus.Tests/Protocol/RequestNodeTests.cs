using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using AmqpAddress = global::Amqp.Address;
using AmqpAttach = global::Amqp.Framing.Attach;
using AmqpConnectionFactory = global::Amqp.ConnectionFactory;
using AmqpMessage = global::Amqp.Message;
using AmqpProperties = global::Amqp.Framing.Properties;
using AmqpSession = global::Amqp.Session;
using ApplicationProperties = global::Amqp.Framing.ApplicationProperties;
using ReceiverLink = global::Amqp.ReceiverLink;
using SaslProfile = global::Amqp.Sasl.SaslProfile;
using SenderLink = global::Amqp.SenderLink;
using Source = global::Amqp.Framing.Source;
using Target = global::Amqp.Framing.Target;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Protocol;

/// <summary>$cbs answers the way other SDKs expect: a response link found by its name when it has no target address, and ids of any type echoed.</summary>
public sealed class RequestNodeTests
{
    [Fact]
    public async Task PutToken_ReplyToNamesTheResponseLink_AnswerArrivesCorrelatedByAUuid()
    {
        await using var emulator = await Emulator.StartAsync();
        var factory = new AmqpConnectionFactory();
        factory.SASL.Profile = SaslProfile.Anonymous;
        var connection = await factory.CreateAsync(new AmqpAddress("127.0.0.1", emulator.Port, null, null, "/", "amqp"));
        var session = new AmqpSession(connection);
        var sender = new SenderLink(session, "cbs-requests", "$cbs");
        // Like the JavaScript SDK: the response link has no target address; requests name the link itself.
        var responses = new ReceiverLink(session, "cbs-responses-7", new AmqpAttach { Source = new Source { Address = "$cbs" }, Target = new Target() }, null);
        responses.SetCredit(5);
        var requestId = Guid.NewGuid();
        var request = new AmqpMessage(RawAmqp.SasToken($"sb://127.0.0.1:{emulator.Port}/q", ServiceBusEmulatorOptions.DefaultKeyName, Emulator.Key, DateTimeOffset.UtcNow.AddHours(1)))
        {
            Properties = new AmqpProperties { ReplyTo = "cbs-responses-7" },
            ApplicationProperties = new ApplicationProperties
            {
                ["operation"] = "put-token",
                ["type"] = "servicebus.windows.net:sastoken",
                ["name"] = $"sb://127.0.0.1:{emulator.Port}/q",
            },
        };
        request.Properties.SetMessageId(requestId);

        await sender.SendAsync(request);
        var response = await responses.ReceiveAsync(Emulator.Wait);
        await Task.Yield();

        Assert.NotNull(response);
        Assert.Equal(requestId, response.Properties.GetCorrelationId());
        Assert.Equal(202, response.ApplicationProperties["status-code"]);
        await connection.CloseAsync();
    }
}
