using System.Collections.Concurrent;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.Listener;

/// <summary>The queue listener against the emulator: settlement by outcome, retries, duplicates and the concurrency limit.</summary>
public sealed class QueueListenerTests
{
    [Fact]
    public async Task RunAsync_ValidMessage_HandlerGetsItAndItIsCompleted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var handled = new TaskCompletionSource<TestRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (request, _, _) => { handled.TrySetResult(request); return Task.CompletedTask; });

        await using (new RunningListener<TestRequest>(listener))
        {
            await client.CreateSender("nodup").SendAsync(TestRequest.Message("alpha"));
            Assert.Equal("alpha", (await handled.Task.WaitAsync(TestEmulator.Wait)).Name);
            await Eventually.TrueAsync(() => emulator.GetMessageCount("nodup") == 0, "the handled message was completed");
        }
    }

    [Fact]
    public async Task RunAsync_InvalidMessage_IsDeadLetteredWithTheFieldErrorAndNeverHandled()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var calls = 0;
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (_, _, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });

        await using (new RunningListener<TestRequest>(listener))
        {
            await client.CreateSender("nodup").SendAsync(TestRequest.Message("Bad_Name", "bad-1"));
            var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue("nodup")));

            Assert.Equal("bad-1", dead.MessageId);
            Assert.Equal(DeadLetterReasons.ValidationFailed, dead.DeadLetterReason);
            Assert.Equal("name: must match ^[a-z][a-z0-9]{0,11}$", dead.DeadLetterErrorDescription);
        }

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task RunAsync_HandlerAlwaysFails_RetriedUpToMaxDeliveryCountThenDeadLettered()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var attempts = new ConcurrentBag<int>();
        var options = new QueueListenerOptions { MaxDeliveryCount = 3 };
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (_, message, _) =>
        {
            attempts.Add(message.DeliveryCount);
            throw new InvalidOperationException("the cloud said no");
        }, options);

        await using (new RunningListener<TestRequest>(listener))
        {
            await client.CreateSender("nodup").SendAsync(TestRequest.Message("gamma", "fail-1"));
            var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue("nodup")));

            Assert.Equal(DeadLetterReasons.HandlerFailed, dead.DeadLetterReason);
            Assert.Equal("failed on delivery 3 of 3: InvalidOperationException: the cloud said no", dead.DeadLetterErrorDescription);
        }

        Assert.Equal([1, 2, 3], attempts.Order());
    }

    [Fact]
    public async Task RunAsync_HandlerRejectsForGood_DeadLetteredOnFirstDeliveryWithItsReason()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var attempts = 0;
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (_, _, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new MessageRejectedException("clusterName: 'taken' already exists");
        });

        await using (new RunningListener<TestRequest>(listener))
        {
            await client.CreateSender("nodup").SendAsync(TestRequest.Message("taken", "reject-1"));
            var dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue("nodup")));

            Assert.Equal(DeadLetterReasons.Rejected, dead.DeadLetterReason);
            Assert.Equal("clusterName: 'taken' already exists", dead.DeadLetterErrorDescription);
        }

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_HandlerFailsOnce_SucceedsOnTheRetry()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var attempts = 0;
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (_, message, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new TimeoutException("transient");
            }

            done.TrySetResult(message.DeliveryCount);
            return Task.CompletedTask;
        });

        await using (new RunningListener<TestRequest>(listener))
        {
            await client.CreateSender("nodup").SendAsync(TestRequest.Message("delta"));
            Assert.Equal(2, await done.Task.WaitAsync(TestEmulator.Wait));
            await Eventually.TrueAsync(() => emulator.GetMessageCount("nodup") == 0, "the retried message was completed");
        }

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task RunAsync_SameMessageIdTwice_HandlerSeesItOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var seen = new ConcurrentQueue<string>();
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, (request, _, _) =>
        {
            seen.Enqueue(request.Name);
            if (request.Name == "marker")
            {
                marker.TrySetResult();
            }

            return Task.CompletedTask;
        }, new QueueListenerOptions { MaxConcurrentCalls = 1 });
        var sender = client.CreateSender("nodup");
        await sender.SendAsync(TestRequest.Message("once", "same-id"));
        await sender.SendAsync(TestRequest.Message("twice", "same-id"));
        await sender.SendAsync(TestRequest.Message("marker"));

        await using (new RunningListener<TestRequest>(listener))
        {
            await marker.Task.WaitAsync(TestEmulator.Wait);
            await Eventually.TrueAsync(() => emulator.GetMessageCount("nodup") == 0, "the duplicate was completed, not left behind");
        }

        Assert.Equal(["once", "marker"], seen);
    }

    [Fact]
    public async Task RunAsync_MaxConcurrentCallsTwo_NeverRunsMoreThanTwoHandlers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var sender = client.CreateSender("nodup");
        for (var i = 0; i < 6; i++)
        {
            await sender.SendAsync(TestRequest.Message("m" + i));
        }

        var current = 0;
        var highest = 0;
        var handledCount = 0;
        var twoRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<TestRequest>(client, "nodup", TestRequest.Decode, async (_, _, _) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref highest, now);
            if (now == 2)
            {
                twoRunning.TrySetResult();
            }

            await release.Task;
            Interlocked.Decrement(ref current);
            if (Interlocked.Increment(ref handledCount) == 6)
            {
                allDone.TrySetResult();
            }
        }, new QueueListenerOptions { MaxConcurrentCalls = 2, PrefetchCount = 6 });

        await using (new RunningListener<TestRequest>(listener))
        {
            await twoRunning.Task.WaitAsync(TestEmulator.Wait);
            release.TrySetResult();
            await allDone.Task.WaitAsync(TestEmulator.Wait);
        }

        Assert.Equal(2, highest);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
