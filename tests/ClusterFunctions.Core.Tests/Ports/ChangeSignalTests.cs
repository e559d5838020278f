using ClusterFunctions.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Core.Tests.Ports;

public sealed class ChangeSignalTests
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new();
    private readonly ChangeSignal signal = new();

    [Fact]
    public async Task AChangeWhileNobodyWaits_EndsTheNextWaitAtOnce()
    {
        signal.Change();

        // The fake clock never moves: only the kept change can end this wait.
        await signal.WaitAsync(Longest, time).WaitAsync(Guard);
    }

    [Fact]
    public async Task AChangeDuringAWait_EndsItBeforeItsLongest_AndIsTakenByIt()
    {
        var waiting = signal.WaitAsync(Longest, time);
        Assert.False(waiting.IsCompleted);

        signal.Change();

        await waiting.WaitAsync(Guard);
        Assert.False(signal.WaitAsync(Longest, time).IsCompleted);
    }

    [Fact]
    public async Task OneWaitTakesEveryChangeBeforeIt_TheNextWaitsItsLongest()
    {
        signal.Change();
        signal.Change();
        await signal.WaitAsync(Longest, time).WaitAsync(Guard);

        var next = signal.WaitAsync(Longest, time);
        Assert.False(next.IsCompleted);
        time.Advance(Longest);

        await next.WaitAsync(Guard);
    }

    [Fact]
    public async Task AWaitThatRanItsLongest_StillLeavesALaterChangeForTheNextWait()
    {
        var timedOut = signal.WaitAsync(Longest, time);
        time.Advance(Longest);
        await timedOut.WaitAsync(Guard);

        signal.Change();

        await signal.WaitAsync(Longest, time).WaitAsync(Guard);
    }
}
