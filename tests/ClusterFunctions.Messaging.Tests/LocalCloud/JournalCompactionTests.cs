using ClusterFunctions.LocalCloud.ServiceBus;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Messaging.Tests.LocalCloud;

/// <summary>The emulator's journal shrinks while it runs and still restores exactly what was held.</summary>
public sealed class JournalCompactionTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "cf-sb-" + Guid.NewGuid().ToString("N"));

    string JournalFile => Path.Combine(dataDirectory, "messages.journal");

    [Fact]
    public async Task Sweep_JournalPastThreshold_IsCompactedAndStillRestoresEverything()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = TestEmulator.Options(time, dataDirectory);
        options.JournalCompactionBytes = 1;
        var first = await ServiceBusEmulator.StartAsync(options);
        var port = first.Port;
        await using (var client = TestEmulator.Client(first))
        {
            var sender = client.CreateSender("nodup");
            for (var i = 0; i < 30; i++)
            {
                await sender.SendAsync(TestEmulator.Text(new string('x', 1000) + i, "m-" + i));
            }

            var receiver = client.CreateReceiver("nodup", new ReceiverOptions { PrefetchCount = 1 });
            for (var i = 0; i < 28; i++)
            {
                await receiver.CompleteAsync(await TestEmulator.ReceiveOneAsync(receiver));
            }

            await receiver.DisposeAsync();
            await Eventually.TrueAsync(() => first.GetMessageCount("nodup") == 2, "28 of 30 were completed");
            var before = new FileInfo(JournalFile).Length;

            time.Advance(TimeSpan.FromSeconds(1)); // a sweep: the journal is past its threshold
            var after = new FileInfo(JournalFile).Length;
            await sender.SendAsync(TestEmulator.Text("after compaction", "m-late"));

            Assert.True(after < before / 5, $"the journal went from {before} to {after} bytes");
        }

        await first.DisposeAsync();
        options.Port = port;
        await using var second = await ServiceBusEmulator.StartAsync(options);
        await using var again = TestEmulator.Client(second);
        var restored = again.CreateReceiver("nodup");
        var ids = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await TestEmulator.ReceiveOneAsync(restored)).MessageId);
        }

        Assert.Equal(new[] { "m-28", "m-29", "m-late" }, ids);
        Assert.Equal(3, second.GetMessageCount("nodup"));
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
