using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;
using ClusterFunctions.Messaging.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Messaging.Tests.Listener;

/// <summary>The listener renews a slow handler's lock, so the message is not handed to anyone else meanwhile.</summary>
public sealed class LockRenewalTests
{
    [Fact]
    public async Task RunAsync_HandlerOutlastsTheLock_LockIsRenewedAndMessageHandledOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(time);
        await using var client = TestEmulator.Client(emulator);
        var calls = 0;
        var started = new TaskCompletionSource<ReceivedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<TestRequest>(client, "q", TestRequest.Decode, async (_, message, _) =>
        {
            Interlocked.Increment(ref calls);
            started.TrySetResult(message);
            await release.Task;
        }, new QueueListenerOptions { TimeProvider = time });
        await client.CreateSender("q").SendAsync(TestRequest.Message("slow"));

        await using (new RunningListener<TestRequest>(listener))
        {
            var message = await started.Task.WaitAsync(TestEmulator.Wait);
            var firstExpiry = message.LockedUntil!.Value;
            time.Advance(TimeSpan.FromSeconds(16)); // past half of the 30 s lock: the renewal is due
            await Eventually.TrueAsync(() => message.LockedUntil > firstExpiry, "the listener renewed the lock");
            time.Advance(TimeSpan.FromSeconds(20)); // past the first expiry, inside the renewed lock
            release.TrySetResult();
            await Eventually.TrueAsync(() => emulator.GetMessageCount("q") == 0, "the message was completed under the renewed lock");
        }

        Assert.Equal(1, calls);
    }
}
