using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Tests;

public class ReadinessWaitTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly SteppedClock time = new();

    [Fact]
    public async Task AGateThatPassesWithinTheWait_IsReadyFromOneCheck()
    {
        var probe = new ScriptedProbe(GateState.NotReady, GateState.NotReady, GateState.Ready);

        var result = await RunAsync(probe, Request(elapsed: TimeSpan.Zero), wait: TimeSpan.FromSeconds(10));

        Assert.Equal(GateState.Ready, result.State);
        Assert.Equal([TimeSpan.Zero, Interval, 2 * Interval], probe.Elapsed);
    }

    [Fact]
    public async Task AGateThatStaysUnready_HandsBackNotReadyOnceTheWaitIsUsedUp()
    {
        var probe = new ScriptedProbe(GateState.NotReady);

        var result = await RunAsync(probe, Request(elapsed: TimeSpan.FromSeconds(3)), wait: TimeSpan.FromSeconds(1));

        Assert.Equal(GateState.NotReady, result.State);
        // Checked at 3 s of the gate's time, then every interval until the one-second wait is used up.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => TimeSpan.FromSeconds(3) + i * Interval), probe.Elapsed);
    }

    [Fact]
    public async Task AFailedGate_EndsTheWaitAtOnce()
    {
        var probe = new ScriptedProbe(GateState.Failed);

        var result = await RunAsync(probe, Request(elapsed: TimeSpan.Zero), wait: TimeSpan.FromSeconds(10));

        Assert.Equal(GateState.Failed, result.State);
        Assert.Single(probe.Elapsed);
    }

    [Fact]
    public async Task TheWait_NeverRunsPastTheGatesTimeout()
    {
        var probe = new ScriptedProbe(GateState.NotReady);

        var result = await RunAsync(probe, Request(elapsed: TimeSpan.FromSeconds(59.9)), wait: TimeSpan.FromSeconds(10));

        Assert.Equal(GateState.NotReady, result.State);
        Assert.Single(probe.Elapsed);
    }

    [Fact]
    public async Task AChangeTheWatchSees_ChecksAgainAtOnce_AndTheWatchEndsWithTheWait()
    {
        var probe = new ScriptedProbe(GateState.NotReady, GateState.Ready);
        using var connection = new ClusterConnection("kubeconfig"u8, null, new Uri("https://127.0.0.1:1"));

        // The fake clock never moves here: only the watch can bring the second check.
        var check = ReadinessWait.CheckAsync(probe, connection, Request(elapsed: TimeSpan.Zero), TimeSpan.FromSeconds(10), Interval, time);
        var watch = await probe.Watching.Task.WaitAsync(TimeSpan.FromSeconds(10));
        watch.Change();

        Assert.Equal(GateState.Ready, (await check.WaitAsync(TimeSpan.FromSeconds(10))).State);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], probe.Elapsed);
        Assert.True(watch.Disposed);
    }

    [Fact]
    public async Task AGateReadyAtTheFirstCheck_StartsNoWatch()
    {
        var probe = new ScriptedProbe(GateState.Ready);

        await RunAsync(probe, Request(elapsed: TimeSpan.Zero), wait: TimeSpan.FromSeconds(10));

        Assert.False(probe.Watching.Task.IsCompleted);
    }

    private async Task<GateCheckResult> RunAsync(ScriptedProbe probe, CheckReadinessRequest request, TimeSpan wait)
    {
        using var connection = new ClusterConnection("kubeconfig"u8, null, new Uri("https://127.0.0.1:1"));
        return await time.RunAsync(ReadinessWait.CheckAsync(probe, connection, request, wait, Interval, time));
    }

    private static CheckReadinessRequest Request(TimeSpan elapsed) =>
        new(new InfrastructureRequest("r1", null!), new ReadinessGate([new WorkloadRef("Deployment", "apps", "web")], TimeSpan.FromSeconds(60)), elapsed);

    /// <summary>
    /// Answers with the given states in turn (the last one from then on) and records the elapsed time of each check. Its
    /// watch changes only when the test says so.
    /// </summary>
    private sealed class ScriptedProbe(params GateState[] states) : IReadinessProbe
    {
        public List<TimeSpan> Elapsed { get; } = [];

        public TaskCompletionSource<RecordedWatch> Watching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IGateWatch Watch(ClusterConnection connection, ReadinessGate gate)
        {
            var watch = new RecordedWatch();
            Watching.TrySetResult(watch);
            return watch;
        }

        public Task<GateCheckResult> CheckAsync(ClusterConnection connection, ReadinessGate gate, TimeSpan elapsed, CancellationToken cancellationToken = default)
        {
            var state = states[Math.Min(Elapsed.Count, states.Length - 1)];
            Elapsed.Add(elapsed);
            return Task.FromResult(new GateCheckResult(state, state.ToString(), []));
        }
    }

    private sealed class RecordedWatch : ChangeSignal
    {
        public bool Disposed { get; private set; }

        public override ValueTask DisposeAsync()
        {
            Disposed = true;
            return base.DisposeAsync();
        }
    }
}
