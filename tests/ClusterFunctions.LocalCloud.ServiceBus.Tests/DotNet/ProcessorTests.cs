using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>ServiceBusProcessor against the emulator: concurrency and automatic lock renewal.</summary>
public sealed class ProcessorTests
{
    [Fact]
    public async Task Processor_WithMaxConcurrentCallsFour_RunsFourHandlersAtOnce()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("q");
        await sender.SendMessagesAsync(Enumerable.Range(0, 4).Select(i => new ServiceBusMessage($"m{i}")));
        var inside = 0;
        var allInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var completed = 0;
        await using var processor = client.CreateProcessor("q", new ServiceBusProcessorOptions { MaxConcurrentCalls = 4, AutoCompleteMessages = true });
        processor.ProcessMessageAsync += async args =>
        {
            if (Interlocked.Increment(ref inside) == 4)
            {
                allInside.TrySetResult();
            }

            await allInside.Task.WaitAsync(Emulator.Wait);
            Interlocked.Increment(ref completed);
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;

        await processor.StartProcessingAsync();
        await allInside.Task.WaitAsync(Emulator.Wait);
        await Eventually(() => emulator.GetMessageCount("q") == 0);
        await processor.StopProcessingAsync();

        Assert.Equal(4, Volatile.Read(ref completed));
    }

    [Fact]
    public async Task Processor_WithAutoLockRenewal_HoldsAMessagePastItsLockDurationAndCompletesIt()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("short-lock"); // 2 s lock
        await sender.SendMessageAsync(new ServiceBusMessage("slow"));
        var errors = new List<Exception>();
        var handled = new TaskCompletionSource<(int DeliveryCount, DateTimeOffset FirstLockedUntil, DateTimeOffset LastLockedUntil)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var processor = client.CreateProcessor("short-lock", new ServiceBusProcessorOptions
        {
            MaxConcurrentCalls = 1,
            AutoCompleteMessages = false,
            MaxAutoLockRenewalDuration = TimeSpan.FromMinutes(1),
        });
        processor.ProcessMessageAsync += async args =>
        {
            var first = args.Message.LockedUntil;
            // Work for longer than the lock lasts: only renewal keeps the lock.
            await Task.Delay(TimeSpan.FromSeconds(5), args.CancellationToken);
            await args.CompleteMessageAsync(args.Message);
            handled.TrySetResult((args.Message.DeliveryCount, first, args.Message.LockedUntil));
        };
        processor.ProcessErrorAsync += args =>
        {
            lock (errors)
            {
                errors.Add(args.Exception);
            }

            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        var result = await handled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await processor.StopProcessingAsync();

        Assert.Empty(errors);
        Assert.Equal(1, result.DeliveryCount);
        Assert.True(result.LastLockedUntil > result.FirstLockedUntil, $"{result.FirstLockedUntil:O} -> {result.LastLockedUntil:O}");
        Assert.Equal(0, emulator.GetMessageCount("short-lock"));
    }

    [Fact]
    public async Task SessionProcessor_HandlesEachSessionsMessagesInOrder()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("sessions");
        await sender.SendMessagesAsync(Enumerable.Range(0, 6).Select(i => new ServiceBusMessage($"{i}") { SessionId = i % 2 == 0 ? "even" : "odd" }));
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, List<string>>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        await using var processor = client.CreateSessionProcessor("sessions", new ServiceBusSessionProcessorOptions
        {
            MaxConcurrentSessions = 2,
            SessionIdleTimeout = TimeSpan.FromMilliseconds(500),
        });
        processor.ProcessMessageAsync += args =>
        {
            var list = seen.GetOrAdd(args.SessionId, _ => []);
            lock (list)
            {
                list.Add(args.Message.Body.ToString());
            }

            if (Interlocked.Increment(ref handled) == 6)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += _ => Task.CompletedTask;

        await processor.StartProcessingAsync();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await Eventually(() => emulator.GetMessageCount("sessions") == 0);
        await processor.StopProcessingAsync();

        Assert.Equal(["0", "2", "4"], seen["even"]);
        Assert.Equal(["1", "3", "5"], seen["odd"]);
    }

    static async Task Eventually(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(Emulator.Wait);
        while (!condition())
        {
            await Task.Delay(20, guard.Token);
        }
    }
}
