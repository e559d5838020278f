using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Amqp;
using Amqp.Framing;
using Amqp.Sasl;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

/// <summary>
/// Frames no SDK sends on its own (SASL PLAIN, a bare attach, a put-token with a chosen token type), through
/// AMQPNetLite, so the emulator's own checks are tested where Microsoft's clients cannot reach them.
/// </summary>
internal static class RawAmqp
{
    /// <summary>A connection with SASL ANONYMOUS, or PLAIN when a key name and key are given.</summary>
    public static Task<Connection> ConnectAsync(ServiceBusEmulator emulator, string? keyName = null, string? key = null)
    {
        var factory = new ConnectionFactory();
        if (keyName is null)
        {
            factory.SASL.Profile = SaslProfile.Anonymous;
        }

        return factory.CreateAsync(new Address("127.0.0.1", emulator.Port, keyName, key, "/", "amqp"));
    }

    /// <summary>Puts a token on $cbs and returns the status code and description the emulator answers with.</summary>
    public static async Task<(int Status, string Description)> PutTokenAsync(Connection connection, string audience, string type, string token)
    {
        var session = new Session(connection);
        var requests = new SenderLink(session, "cbs-requests", "$cbs");
        var responses = new ReceiverLink(session, "cbs-responses", new Attach { Source = new Source { Address = "$cbs" }, Target = new Target { Address = "cbs-client" } }, null);
        responses.SetCredit(1);
        var request = new Message(token)
        {
            Properties = new Properties { MessageId = Guid.NewGuid().ToString(), ReplyTo = "cbs-client" },
            ApplicationProperties = new ApplicationProperties { ["operation"] = "put-token", ["type"] = type, ["name"] = audience },
        };

        await requests.SendAsync(request);
        var response = await responses.ReceiveAsync(Emulator.Wait) ?? throw new TimeoutException("$cbs did not answer");
        responses.Accept(response);
        await session.CloseAsync();
        return (Convert.ToInt32(response.ApplicationProperties["status-code"], CultureInfo.InvariantCulture),
            response.ApplicationProperties["status-description"]?.ToString() ?? "");
    }

    /// <summary>A Service Bus SAS token, written out from the documented format so the test does not depend on the SDK's internals.</summary>
    public static string SasToken(string audience, string keyName, string key, DateTimeOffset expiry)
    {
        var encoded = WebUtility.UrlEncode(audience);
        var expires = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encoded + "\n" + expires)));
        return $"SharedAccessSignature sr={encoded}&sig={WebUtility.UrlEncode(signature)}&se={expires}&skn={keyName}";
    }
}
