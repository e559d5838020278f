using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Activities;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Functions.Tests;

public class ReadinessWaitTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider time = new();

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

    private async Task<GateCheckResult> RunAsync(ScriptedProbe probe, CheckReadinessRequest request, TimeSpan wait)
    {
        using var connection = new ClusterConnection("kubeconfig"u8, null, new Uri("https://127.0.0.1:1"));
        var check = ReadinessWait.CheckAsync(probe, connection, request, wait, Interval, time);
        // Moves the fake clock one interval at a time until the wait returns; bounded, so a wait that never ends fails.
        for (var step = 0; step < 200 && !check.IsCompleted; step++)
        {
            await Task.WhenAny(check, Task.Delay(5));
            if (!check.IsCompleted)
            {
                time.Advance(Interval);
            }
        }

        Assert.True(check.IsCompleted, "the readiness wait did not return");
        return await check;
    }

    private static CheckReadinessRequest Request(TimeSpan elapsed) =>
        new(new InfrastructureRequest("r1", null!), new ReadinessGate([new WorkloadRef("Deployment", "apps", "web")], TimeSpan.FromSeconds(60)), elapsed);

    /// <summary>Answers with the given states in turn (the last one from then on) and records the elapsed time of each check.</summary>
    private sealed class ScriptedProbe(params GateState[] states) : IReadinessProbe
    {
        public List<TimeSpan> Elapsed { get; } = [];

        public Task<GateCheckResult> CheckAsync(ClusterConnection connection, ReadinessGate gate, TimeSpan elapsed, CancellationToken cancellationToken = default)
        {
            var state = states[Math.Min(Elapsed.Count, states.Length - 1)];
            Elapsed.Add(elapsed);
            return Task.FromResult(new GateCheckResult(state, state.ToString(), []));
        }
    }
}
