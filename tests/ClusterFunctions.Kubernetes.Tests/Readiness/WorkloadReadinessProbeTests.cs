using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Kubernetes.Apply;
using ClusterFunctions.Kubernetes.Readiness;
using ClusterFunctions.Kubernetes.Tests.Support;
using ClusterFunctions.LocalCloud.Kubernetes;
using Microsoft.Extensions.Time.Testing;
using static ClusterFunctions.Kubernetes.Tests.Support.TestPlans;

namespace ClusterFunctions.Kubernetes.Tests.Readiness;

public sealed class WorkloadReadinessProbeTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);
    private readonly ManifestApplier _applier = new();
    private readonly WorkloadReadinessProbe _probe = new();

    private static ReadinessGate Gate(params WorkloadRef[] workloads) => new(workloads, TimeSpan.FromMinutes(5));

    /// <summary>An emulated cluster with one workload applied as a build applies it: its namespace first, then the app.</summary>
    private async Task<RunningKubernetesEmulator> ClusterWithAsync(KubernetesManifest @namespace, KubernetesManifest workload, FakeTimeProvider? time = null)
    {
        var emulator = await KubernetesEmulator.StartAsync(time is null ? null : new() { ReadinessDelay = Delay, TimeProvider = time });
        try
        {
            using var connection = emulator.Connect();
            await _applier.ApplyPlanAsync(connection, Plan(
                Level(0, PlanStage.Namespaces, Bundle(BundleOf(@namespace), @namespace)),
                Level(1, PlanStage.Apps, Bundle(BundleOf(workload), workload))));
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>The bundle a test manifest is labelled with, which the applier holds it to.</summary>
    private static string BundleOf(KubernetesManifest manifest) =>
        JsonNode.Parse(manifest.Json)!["metadata"]!["labels"]![InventoryLabels.Bundle]!.GetValue<string>();

    [Fact]
    public async Task CheckAsync_DeploymentBeforeAndAfterReadinessDelay_IsNotReadyThenReady()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await ClusterWithAsync(Namespace("ns", "apps"), Deployment("web", "apps", "web", replicas: 2), time);
        using var connection = emulator.Connect();
        var gate = Gate(new WorkloadRef("Deployment", "apps", "web"));

        var early = await _probe.CheckAsync(connection, gate, TimeSpan.FromSeconds(1));
        time.Advance(Delay);
        var later = await _probe.CheckAsync(connection, gate, Delay);

        Assert.Equal(GateState.NotReady, early.State);
        Assert.Contains("Deployment apps/web: 0 of 2 replicas available", early.Reason);
        Assert.Equal(GateState.Ready, later.State);
    }

    [Fact]
    public async Task CheckAsync_StatefulSetAfterDelay_IsReady()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await ClusterWithAsync(Namespace("ns", "data"), StatefulSet("db", "data", "db"), time);
        using var connection = emulator.Connect();
        var gate = Gate(new WorkloadRef("StatefulSet", "data", "db"));

        Assert.Equal(GateState.NotReady, (await _probe.CheckAsync(connection, gate, TimeSpan.Zero)).State);
        time.Advance(Delay);
        Assert.Equal(GateState.Ready, (await _probe.CheckAsync(connection, gate, Delay)).State);
    }

    [Fact]
    public async Task CheckAsync_DeploymentPodsViolatePodSecurity_FailsWithTheRefusal()
    {
        await using var emulator = await ClusterWithAsync(Namespace("ns", "apps", enforce: "baseline"), Deployment("web", "apps", "web", compliant: false));
        using var connection = emulator.Connect();

        var result = await _probe.CheckAsync(connection, Gate(new WorkloadRef("Deployment", "apps", "web")), TimeSpan.Zero);

        Assert.Equal(GateState.Failed, result.State);
        Assert.Contains("violates PodSecurity \"baseline:latest\": privileged (container \"web\" must not set securityContext.privileged=true)", result.Reason);
        Assert.Contains("ReplicaFailure FailedCreate", result.Workloads[0].Reason);
    }

    [Fact]
    public async Task CheckAsync_StatefulSetPodsViolatePodSecurity_FailsWithTheEventMessage()
    {
        await using var emulator = await ClusterWithAsync(Namespace("ns", "data"), StatefulSet("db", "data", "db", compliant: false));
        using var connection = emulator.Connect();

        var result = await _probe.CheckAsync(connection, Gate(new WorkloadRef("StatefulSet", "data", "db")), TimeSpan.Zero);

        Assert.Equal(GateState.Failed, result.State);
        Assert.Contains("pods \"db-0\" is forbidden: violates PodSecurity \"restricted:latest\"", result.Reason);
    }

    [Fact]
    public async Task CheckAsync_NotReadyWhenTimeoutPassed_FailsSayingWhatIsNotReady()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await ClusterWithAsync(Namespace("ns", "apps"), Deployment("web", "apps", "web"), time);
        using var connection = emulator.Connect();
        var gate = new ReadinessGate([new WorkloadRef("Deployment", "apps", "web"), new WorkloadRef("Deployment", "apps", "absent")], TimeSpan.FromMinutes(2));

        var result = await _probe.CheckAsync(connection, gate, TimeSpan.FromMinutes(2));

        Assert.Equal(GateState.Failed, result.State);
        Assert.StartsWith("not ready after 00:02:00: Deployment apps/web: 0 of 1 replicas available", result.Reason);
        Assert.Contains("Deployment apps/absent: not found", result.Reason);
        Assert.All(result.Workloads, w => Assert.Equal(GateState.Failed, w.State));
    }

    [Fact]
    public async Task CheckAsync_WorkloadKindNotSupported_ThrowsNamingTheKind()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _probe.CheckAsync(connection, Gate(new WorkloadRef("DaemonSet", "apps", "x")), TimeSpan.Zero));

        Assert.Contains("Kind \"DaemonSet\" must be Deployment or StatefulSet", error.Message);
    }

    [Fact]
    public async Task Watch_AWorkloadThatBecomesReady_EndsTheWaitBeforeItsInterval()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await ClusterWithAsync(Namespace("ns", "apps"), Deployment("web", "apps", "web"), time);
        using var connection = emulator.Connect();
        var gate = Gate(new WorkloadRef("Deployment", "apps", "web"));
        // The wait's own clock never moves, so only a change seen by the watch can end a wait.
        var neverMoves = new FakeTimeProvider();

        await using var watch = _probe.Watch(connection, gate);
        // The watch starts with the workload as it is now: one change, and one more read for the wait.
        await watch.WaitAsync(TimeSpan.FromHours(1), neverMoves).WaitAsync(TimeSpan.FromSeconds(20));
        var becomingReady = watch.WaitAsync(TimeSpan.FromHours(1), neverMoves);
        Assert.Equal(GateState.NotReady, (await _probe.CheckAsync(connection, gate, TimeSpan.Zero)).State);
        time.Advance(Delay);

        await becomingReady.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(GateState.Ready, (await _probe.CheckAsync(connection, gate, Delay)).State);
    }

    [Fact]
    public async Task Watch_ThatCannotReachTheCluster_EndsTheWaitToReadAgain()
    {
        var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        await emulator.DisposeAsync();

        await AssertTheWatchFailureEndsAWaitAsync(connection);
    }

    [Fact]
    public async Task Watch_TheClusterRefuses_EndsTheWaitToReadAgain()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var stranger = emulator.Connect(bearerToken: "not-a-token-this-cluster-knows");

        await AssertTheWatchFailureEndsAWaitAsync(stranger);
    }

    /// <summary>
    /// A failed watch no longer wakes a wait when the workload changes, so it wakes the wait once to read again, and then
    /// leaves each wait to its interval. The first wait's clock never moves, so only the watch's failure can end it.
    /// </summary>
    private async Task AssertTheWatchFailureEndsAWaitAsync(ClusterConnection connection)
    {
        var neverMoves = new FakeTimeProvider();
        await using var watch = _probe.Watch(connection, Gate(new WorkloadRef("Deployment", "apps", "web")));

        await watch.WaitAsync(TimeSpan.FromHours(1), neverMoves).WaitAsync(TimeSpan.FromSeconds(20));

        var next = watch.WaitAsync(TimeSpan.FromSeconds(1), neverMoves);
        Assert.False(next.IsCompleted);
        neverMoves.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
