using ClusterFunctions.LocalCloud.ServiceBus;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Messaging.Tests.Amqp;

/// <summary>Restarts of the emulator with messages held, and Entra ID (TokenCredential) authorisation.</summary>
public sealed class ServiceBusResilienceTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "cf-sb-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ReceiveAsync_EmulatorRestartsWithMessagesHeld_NothingLostNothingTwice()
    {
        var first = await TestEmulator.StartAsync(dataDirectory: dataDirectory);
        var port = first.Port;
        await using var client = TestEmulator.Client(first);
        var sender = client.CreateSender("q");
        await sender.SendAsync(TestEmulator.Text("a", "id-1"));
        await sender.SendAsync(TestEmulator.Text("b", "id-2"));
        var receiver = client.CreateReceiver("q", new ReceiverOptions { PrefetchCount = 1 });
        var a = await TestEmulator.ReceiveOneAsync(receiver);
        await receiver.CompleteAsync(a);
        await Eventually.TrueAsync(() => first.GetMessageCount("q") == 1, "a was completed before the restart");
        var b = await TestEmulator.ReceiveOneAsync(receiver); // locked, never settled: the restart takes its lock away

        await first.DisposeAsync();
        await using var second = await ServiceBusEmulator.StartAsync(TestEmulator.Options(dataDirectory: dataDirectory, port: port));
        await sender.SendAsync(TestEmulator.Text("b resent", "id-2"));
        await sender.SendAsync(TestEmulator.Text("c", "id-3"));
        var afterRestart = new List<ReceivedMessage>
        {
            await TestEmulator.ReceiveOneAsync(receiver),
        };
        await receiver.CompleteAsync(afterRestart[0]);
        afterRestart.Add(await TestEmulator.ReceiveOneAsync(receiver));
        await receiver.CompleteAsync(afterRestart[1]);

        Assert.Equal("b", TestEmulator.TextOf(b));
        Assert.Equal(["b", "c"], afterRestart.Select(TestEmulator.TextOf));
        Assert.Equal(2, afterRestart[0].DeliveryCount);
        await Eventually.TrueAsync(() => second.GetMessageCount("q") == 0, "both messages were completed after the restart");
    }

    [Fact]
    public async Task SendAsync_WithTokenCredential_PutsAJwtOnCbs()
    {
        var options = TestEmulator.Options();
        options.JwtTokenValidator = (token, audience) => token == "entra-token" && audience.EndsWith("/q", StringComparison.Ordinal);
        await using var emulator = await ServiceBusEmulator.StartAsync(options);
        var credential = new FakeCredential("entra-token");
        await using var client = new AmqpMessagingClient(new AmqpMessagingOptions { Endpoint = emulator.Endpoint, Credential = credential });

        await client.CreateSender("q").SendAsync(TestEmulator.Text("with entra"));

        Assert.Equal(["https://servicebus.azure.net/.default"], credential.RequestedScopes);
        Assert.Equal(1, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task SendAsync_WithRejectedJwt_IsUnauthorised()
    {
        var options = TestEmulator.Options();
        options.JwtTokenValidator = (token, _) => token == "entra-token";
        await using var emulator = await ServiceBusEmulator.StartAsync(options);
        await using var client = new AmqpMessagingClient(new AmqpMessagingOptions { Endpoint = emulator.Endpoint, Credential = new FakeCredential("forged") });

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.CreateSender("q").SendAsync(TestEmulator.Text("x")));

        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task Connection_TokenNearExpiry_IsPutAgainBeforeItRunsOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var puts = 0;
        var options = TestEmulator.Options();
        options.JwtTokenValidator = (token, _) => Interlocked.Increment(ref puts) > 0 && token == "entra-token";
        await using var emulator = await ServiceBusEmulator.StartAsync(options);
        await using var client = new AmqpMessagingClient(new AmqpMessagingOptions
        {
            Endpoint = emulator.Endpoint,
            Credential = new FakeCredential("entra-token", time, TimeSpan.FromMinutes(10)),
            TimeProvider = time,
        });
        await client.CreateSender("q").SendAsync(TestEmulator.Text("first"));
        Assert.Equal(1, puts);

        time.Advance(TimeSpan.FromMinutes(6)); // 4 minutes left: inside the refresh margin

        await Eventually.TrueAsync(() => Volatile.Read(ref puts) == 2, "the token was put again before it expired");
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
