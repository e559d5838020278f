using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A fake clock moved only when the code under test waits on it: each step waits for a new timer (a delay between two
/// reads) and moves the clock to when it is due. Moving it on a schedule of our own raced the code under test on a busy
/// machine: a step that came before the delay was set made the delay start late, and the reads' times came out wrong.
/// </summary>
internal sealed class SteppedClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Moves the clock to each timer <paramref name="work"/> sets, until it ends; fails if it hangs.</summary>
    public async Task<T> RunAsync<T>(Task<T> work, int maxSteps = 500)
    {
        for (var steps = 0; steps < maxSteps && !work.IsCompleted; steps++)
        {
            var timerSet = timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            if (await Task.WhenAny(work, timerSet) == work)
            {
                break;
            }

            Advance(await timerSet);
        }

        Assert.True(work.IsCompleted, $"the code under test did not end within {maxSteps} of its waits");
        return await work;
    }
}
