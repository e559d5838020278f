using System.Collections.Concurrent;
using ClusterFunctions.LocalCloud.ServiceBus;
using ClusterFunctions.Messaging.Listener;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.Listener;

/// <summary>A broker restart under a running listener: the consumer reconnects by itself, loses nothing and hands nothing over twice.</summary>
public sealed class ListenerResilienceTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "cf-sb-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task RunAsync_BrokerRestarts_ListenerReconnectsAndHandlesEachIdOnce()
    {
        var first = await TestEmulator.StartAsync(dataDirectory: dataDirectory);
        var port = first.Port;
        await using var client = TestEmulator.Client(first);
        var handled = new ConcurrentQueue<string>();
        var arrivals = new SemaphoreSlim(0);
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (request, _, _) =>
        {
            handled.Enqueue(request.Name);
            arrivals.Release();
            return Task.CompletedTask;
        }, new QueueListenerOptions { MaxConcurrentCalls = 1 });
        var sender = client.CreateSender("nodup");

        await using (new RunningListener<TestRequest>(listener))
        {
            await sender.SendAsync(TestRequest.Message("before", "id-before"));
            Assert.True(await arrivals.WaitAsync(TestEmulator.Wait), "the first message was handled");
            await Eventually.TrueAsync(() => first.GetMessageCount("nodup") == 0, "the first message was completed before the restart");

            await first.DisposeAsync();
            await using var second = await ServiceBusEmulator.StartAsync(TestEmulator.Options(dataDirectory: dataDirectory, port: port));
            await sender.SendAsync(TestRequest.Message("again", "id-before")); // a redelivered request after the restart
            await sender.SendAsync(TestRequest.Message("after", "id-after"));
            Assert.True(await arrivals.WaitAsync(TestEmulator.Wait), "the listener came back after the restart");
            await Eventually.TrueAsync(() => second.GetMessageCount("nodup") == 0, "the repeat was completed without being handled");
        }

        Assert.Equal(["before", "after"], handled);
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
