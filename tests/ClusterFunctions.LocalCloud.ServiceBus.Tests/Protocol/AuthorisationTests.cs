using Amqp;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Protocol;

/// <summary>
/// How the emulator authorises links where the SDK cannot show it: no token, SASL PLAIN with the key, a token for
/// another entity, and Entra ID (jwt) tokens, which the SDK only sends over TLS and the emulator serves plain AMQP.
/// </summary>
public sealed class AuthorisationTests
{
    [Fact]
    public async Task Attach_WithoutAToken_IsRefusedAsUnauthorised()
    {
        await using var emulator = await Emulator.StartAsync();
        var connection = await RawAmqp.ConnectAsync(emulator);

        var error = await Assert.ThrowsAsync<AmqpException>(() => new SenderLink(new Session(connection), "s", "q").SendAsync(new Message("x")));

        Assert.Equal("amqp:unauthorized-access", error.Error.Condition.ToString());
        Assert.Equal(0, emulator.GetMessageCount("q"));
        await connection.CloseAsync();
    }

    [Fact]
    public async Task Attach_WithSaslPlainKeyNameAndKey_IsAllowed()
    {
        await using var emulator = await Emulator.StartAsync();
        var connection = await RawAmqp.ConnectAsync(emulator, ServiceBusEmulatorOptions.DefaultKeyName, Emulator.Key);

        await new SenderLink(new Session(connection), "s", "q").SendAsync(new Message("plain"));

        Assert.Equal(1, emulator.GetMessageCount("q"));
        await connection.CloseAsync();
    }

    [Fact]
    public async Task PutToken_WithATokenForAnotherEntity_IsRefused()
    {
        await using var emulator = await Emulator.StartAsync();
        var connection = await RawAmqp.ConnectAsync(emulator);
        var topicToken = RawAmqp.SasToken($"sb://127.0.0.1:{emulator.Port}/t", ServiceBusEmulatorOptions.DefaultKeyName, Emulator.Key, DateTimeOffset.UtcNow.AddHours(1));

        var (status, description) = await RawAmqp.PutTokenAsync(connection, $"sb://127.0.0.1:{emulator.Port}/q", "servicebus.windows.net:sastoken", topicToken);

        Assert.Equal(401, status);
        Assert.Contains("does not cover", description);
        await connection.CloseAsync();
    }

    [Fact]
    public async Task PutToken_WithAJwtTheValidatorAccepts_AuthorisesTheEntity()
    {
        var options = Emulator.Options();
        options.JwtTokenValidator = (token, audience) => token == "entra-token" && audience.EndsWith("/q", StringComparison.Ordinal);
        await using var emulator = await Emulator.StartAsync(options);
        var connection = await RawAmqp.ConnectAsync(emulator);

        var (status, _) = await RawAmqp.PutTokenAsync(connection, $"sb://127.0.0.1:{emulator.Port}/q", "jwt", "entra-token");
        await new SenderLink(new Session(connection), "s", "q").SendAsync(new Message("with entra"));

        Assert.Equal(202, status);
        Assert.Equal(1, emulator.GetMessageCount("q"));
        await connection.CloseAsync();
    }

    [Fact]
    public async Task PutToken_WithAJwtTheValidatorRejects_IsUnauthorisedAndTheAttachRefused()
    {
        var options = Emulator.Options();
        options.JwtTokenValidator = (token, _) => token == "entra-token";
        await using var emulator = await Emulator.StartAsync(options);
        var connection = await RawAmqp.ConnectAsync(emulator);

        var (status, _) = await RawAmqp.PutTokenAsync(connection, $"sb://127.0.0.1:{emulator.Port}/q", "jwt", "forged");
        var error = await Assert.ThrowsAsync<AmqpException>(() => new SenderLink(new Session(connection), "s", "q").SendAsync(new Message("x")));

        Assert.Equal(401, status);
        Assert.Equal("amqp:unauthorized-access", error.Error.Condition.ToString());
        await connection.CloseAsync();
    }
}
