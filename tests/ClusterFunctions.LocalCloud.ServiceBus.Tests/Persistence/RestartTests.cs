using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Persistence;

/// <summary>With a data directory the emulator keeps what it held across a restart, and its journal does not grow without end.</summary>
public sealed class RestartTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "cf-sb-" + Guid.NewGuid().ToString("N"));

    /// <summary>A client that reconnects quickly: the point here is that the same client carries on after the restart.</summary>
    static ServiceBusClient Client(ServiceBusEmulator emulator) => new(emulator.ConnectionString, new ServiceBusClientOptions
    {
        RetryOptions = new ServiceBusRetryOptions { MaxRetries = 5, Delay = TimeSpan.FromMilliseconds(100), TryTimeout = TimeSpan.FromSeconds(10) },
    });

    [Fact]
    public async Task Restart_WithMessagesHeld_LosesNothing_RedeliversTheLockedOne_AndStillDropsItsDuplicate()
    {
        var first = await Emulator.StartAsync(Emulator.Options(dataDirectory: dataDirectory));
        var port = first.Port;
        await using var client = Client(first);
        await using var sender = client.CreateSender("q");
        await using var receiver = client.CreateReceiver("q");
        await sender.SendMessageAsync(new ServiceBusMessage("a") { MessageId = "id-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("b") { MessageId = "id-2" });
        await receiver.CompleteMessageAsync(await Emulator.ReceiveOneAsync(receiver));
        var b = await Emulator.ReceiveOneAsync(receiver); // locked, never settled: the restart takes its lock away

        await first.DisposeAsync();
        await using var second = await Emulator.StartAsync(Emulator.Options(dataDirectory: dataDirectory, port: port));
        await sender.SendMessageAsync(new ServiceBusMessage("b resent") { MessageId = "id-2" });
        await sender.SendMessageAsync(new ServiceBusMessage("c") { MessageId = "id-3" });
        var redelivered = await Emulator.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(redelivered);
        var next = await Emulator.ReceiveOneAsync(receiver);
        await receiver.CompleteMessageAsync(next);

        Assert.Equal("b", b.Body.ToString());
        Assert.Equal(["b", "c"], [redelivered.Body.ToString(), next.Body.ToString()]);
        Assert.Equal(2, redelivered.DeliveryCount);
        await Eventually.TrueAsync(() => second.GetMessageCount("q") == 0, "both messages were completed after the restart");
    }

    [Fact]
    public async Task Sweep_JournalPastThreshold_IsCompactedAndStillRestoresEverything()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Emulator.Options(time, dataDirectory);
        options.JournalCompactionBytes = 1;
        var first = await Emulator.StartAsync(options);
        var journal = new FileInfo(Path.Combine(dataDirectory, "messages.journal"));
        await using (var client = Client(first))
        await using (var sender = client.CreateSender("q"))
        {
            for (var i = 0; i < 30; i++)
            {
                await sender.SendMessageAsync(new ServiceBusMessage(new string('x', 1000) + i) { MessageId = "m-" + i });
            }

            await using (var receiver = client.CreateReceiver("q"))
            {
                for (var i = 0; i < 28; i++)
                {
                    await receiver.CompleteMessageAsync(await Emulator.ReceiveOneAsync(receiver));
                }
            }

            await Eventually.TrueAsync(() => first.GetMessageCount("q") == 2, "28 of 30 were completed");
            var before = Length(journal);
            time.Advance(TimeSpan.FromSeconds(1)); // a sweep: the journal is past its threshold
            var after = Length(journal);
            await sender.SendMessageAsync(new ServiceBusMessage("after compaction") { MessageId = "m-late" });

            Assert.True(after < before / 5, $"the journal went from {before} to {after} bytes");
        }

        options.Port = first.Port;
        await first.DisposeAsync();
        await using var second = await Emulator.StartAsync(options);
        await using var again = Client(second);
        var restored = await again.CreateReceiver("q").PeekMessagesAsync(10);

        Assert.Equal(["m-28", "m-29", "m-late"], restored.Select(m => m.MessageId));
    }

    static long Length(FileInfo file)
    {
        file.Refresh();
        return file.Length;
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
