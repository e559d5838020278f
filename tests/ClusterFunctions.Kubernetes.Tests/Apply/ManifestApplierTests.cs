using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Kubernetes.Apply;
using ClusterFunctions.Kubernetes.Tests.Support;
using ClusterFunctions.LocalCloud.Kubernetes;
using Microsoft.Extensions.Time.Testing;
using static ClusterFunctions.Kubernetes.Tests.Support.TestPlans;

namespace ClusterFunctions.Kubernetes.Tests.Apply;

public sealed class ManifestApplierTests
{
    private readonly ManifestApplier _applier = new();

    private static ClusterPlan SamplePlan(params KubernetesManifest[] extraApps) => Plan(
        Level(0, PlanStage.Namespaces, Bundle("namespaces", Namespace("namespaces", "apps"))),
        Level(1, PlanStage.Apps, Bundle("web", [ConfigMap("web", "apps", "web-config"), Deployment("web", "apps", "web"), .. extraApps])));

    [Fact]
    public async Task ApplyPlanAsync_NewPlan_CreatesEveryObject()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();

        var result = await _applier.ApplyPlanAsync(connection, SamplePlan());

        var objects = result.Bundles.SelectMany(b => b.Objects).ToList();
        Assert.Equal(3, objects.Count);
        Assert.All(objects, o => Assert.Equal(ApplyOutcome.Created, o.Outcome));
        Assert.Equal(["namespaces", "web"], result.Bundles.Select(b => b.Bundle));
        Assert.Empty(result.Pruned.Deleted);
    }

    [Fact]
    public async Task ApplyPlanAsync_SamePlanTwice_SecondChangesNothing()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        var first = await _applier.ApplyPlanAsync(connection, SamplePlan());
        var before = await new ManifestApplier().ApplyPlanAsync(connection, SamplePlan());

        var second = await _applier.ApplyPlanAsync(connection, SamplePlan());

        Assert.True(second.Unchanged, string.Join(", ", second.Bundles.SelectMany(b => b.Objects).Select(o => $"{o.Object} {o.Outcome}")));
        Assert.Equal(
            before.Bundles.SelectMany(b => b.Objects).Select(o => o.ResourceVersion),
            second.Bundles.SelectMany(b => b.Objects).Select(o => o.ResourceVersion));
        Assert.False(first.Unchanged);
    }

    [Fact]
    public async Task ApplyPlanAsync_ChangedManifest_ReportsConfigured()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        await _applier.ApplyPlanAsync(connection, SamplePlan());
        var changed = Plan(
            Level(0, PlanStage.Namespaces, Bundle("namespaces", Namespace("namespaces", "apps"))),
            Level(1, PlanStage.Apps, Bundle("web", ConfigMap("web", "apps", "web-config", value: "b"), Deployment("web", "apps", "web"))));

        var result = await _applier.ApplyPlanAsync(connection, changed);

        var outcomes = result.Bundles.SelectMany(b => b.Objects).ToDictionary(o => o.Object.Name, o => o.Outcome);
        Assert.Equal(ApplyOutcome.Configured, outcomes["web-config"]);
        Assert.Equal(ApplyOutcome.Unchanged, outcomes["web"]);
    }

    [Fact]
    public async Task ApplyBundleAsync_StatusWrittenBetweenReadAndApply_StillReportsUnchanged()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await KubernetesEmulator.StartAsync(new() { ReadinessDelay = TimeSpan.FromSeconds(5), TimeProvider = time });
        using var connection = emulator.Connect();
        var plan = SamplePlan();
        var first = await _applier.ApplyPlanAsync(connection, plan);
        emulator.Faults.DelayRequests(TimeSpan.FromSeconds(10), pathContains: "/deployments/web", method: "PATCH");

        var reapply = _applier.ApplyBundleAsync(connection, Cluster, plan.Levels[1].Bundles[0]);
        await emulator.Faults.WhenAllConsumedAsync().WaitAsync(TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromSeconds(10));
        var result = await reapply.WaitAsync(TimeSpan.FromSeconds(30));

        var deployment = result.Objects.Single(o => o.Object.Kind == "Deployment");
        Assert.Equal(ApplyOutcome.Unchanged, deployment.Outcome);
        Assert.NotEqual(first.Bundles[1].Objects.Single(o => o.Object.Kind == "Deployment").ResourceVersion, deployment.ResourceVersion);
    }

    [Fact]
    public async Task ApplyBundleAsync_ObjectsOfOneKindInARow_AreAppliedAtOnce()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await KubernetesEmulator.StartAsync(new() { TimeProvider = time });
        using var connection = emulator.Connect();
        // Both applies are held until the clock moves: one after the other, the second would never arrive.
        emulator.Faults.DelayRequests(TimeSpan.FromSeconds(10), count: 2, pathContains: "/namespaces/", method: "PATCH");

        var applying = _applier.ApplyBundleAsync(connection, Cluster, Bundle("namespaces", Namespace("namespaces", "a"), Namespace("namespaces", "b")));
        await AssertBothHeldAtOnceAsync(emulator, time);
        var result = await applying.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([("a", ApplyOutcome.Created), ("b", ApplyOutcome.Created)], result.Objects.Select(o => (o.Object.Name, o.Outcome)));
    }

    [Fact]
    public async Task ApplyBundleAsync_AnObjectThatFails_KeepsTheNextKindOfItsBundleFromBeingApplied()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        using var client = KubernetesClientsForTests.Create(emulator);
        await _applier.ApplyBundleAsync(connection, Cluster, Bundle("namespaces", Namespace("namespaces", "apps")));
        emulator.Faults.FailRequests(400, pathContains: "/configmaps/", method: "PATCH");

        await Assert.ThrowsAsync<KubernetesApplyException>(() => _applier.ApplyBundleAsync(connection, Cluster, SamplePlan().Levels[1].Bundles[0]));

        // The deployment comes after the config map it refers to, so it waits for the config map's apply and is not made.
        var deployments = await k8s.AppsV1OperationsExtensions.ListNamespacedDeploymentAsync(client.AppsV1, "apps");
        Assert.Empty(deployments.Items);
    }

    [Fact]
    public async Task CheckBundleAsync_ChecksEveryObjectAtOnce()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await KubernetesEmulator.StartAsync(new() { TimeProvider = time });
        using var connection = emulator.Connect();
        await _applier.ApplyPlanAsync(connection, SamplePlan());
        emulator.Faults.DelayRequests(TimeSpan.FromSeconds(10), count: 2, pathContains: "/namespaces/apps/", method: "PATCH");

        var checking = _applier.CheckBundleAsync(connection, Cluster, SamplePlan().Levels[1].Bundles[0]);
        await AssertBothHeldAtOnceAsync(emulator, time);
        var result = await checking.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.Unchanged);
    }

    [Fact]
    public async Task CheckBundleAsync_DriftedAndMissingObjects_ReportsThemWithoutWriting()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        using var client = KubernetesClientsForTests.Create(emulator);
        await _applier.ApplyPlanAsync(connection, SamplePlan());
        var cm = await k8s.CoreV1OperationsExtensions.ReadNamespacedConfigMapAsync(client.CoreV1, "web-config", "apps");
        cm.Data["key"] = "edited by hand";
        await k8s.CoreV1OperationsExtensions.ReplaceNamespacedConfigMapAsync(client.CoreV1, cm, "web-config", "apps");
        var rvAfterEdit = (await k8s.CoreV1OperationsExtensions.ReadNamespacedConfigMapAsync(client.CoreV1, "web-config", "apps")).Metadata.ResourceVersion;
        await k8s.AppsV1OperationsExtensions.DeleteNamespacedDeploymentAsync(client.AppsV1, "web", "apps");

        var result = await _applier.CheckBundleAsync(connection, Cluster, SamplePlan().Levels[1].Bundles[0]);

        var outcomes = result.Objects.ToDictionary(o => o.Object.Name, o => o.Outcome);
        Assert.Equal(ApplyOutcome.Configured, outcomes["web-config"]);
        Assert.Equal(ApplyOutcome.Created, outcomes["web"]);
        var after = await k8s.CoreV1OperationsExtensions.ReadNamespacedConfigMapAsync(client.CoreV1, "web-config", "apps");
        Assert.Equal(("edited by hand", rvAfterEdit), (after.Data["key"], after.Metadata.ResourceVersion));
        var deployments = await k8s.AppsV1OperationsExtensions.ListNamespacedDeploymentAsync(client.AppsV1, "apps");
        Assert.Empty(deployments.Items);
    }

    [Fact]
    public async Task CheckBundleAsync_ClusterMatchesPlan_ReportsUnchanged()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        await _applier.ApplyPlanAsync(connection, SamplePlan());

        var result = await _applier.CheckBundleAsync(connection, Cluster, SamplePlan().Levels[1].Bundles[0]);

        Assert.True(result.Unchanged);
    }

    [Fact]
    public async Task PruneAsync_ObjectDroppedFromPlan_DeletesOnlyManagedObjectsOfThisCluster()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        var extra = ConfigMap("web", "apps", "extra");
        var otherCluster = Plan(Level(0, PlanStage.Apps, Bundle("web", Manifest("web", "v1", "ConfigMap", "apps", "foreign", cluster: "c2"))));
        await _applier.ApplyPlanAsync(connection, SamplePlan(extra));
        await ManifestApplier.ApplyBundleAsync(
            KubernetesClientsForTests.Create(emulator), "c2", otherCluster.Levels[0].Bundles[0], dryRun: false, CancellationToken.None);

        var result = await _applier.ApplyPlanAsync(connection, SamplePlan());

        Assert.Equal([new KubernetesObjectRef("v1", "ConfigMap", "apps", "extra")], result.Pruned.Deleted);
        using var client = KubernetesClientsForTests.Create(emulator);
        var remaining = await k8s.CoreV1OperationsExtensions.ListNamespacedConfigMapAsync(client.CoreV1, "apps");
        Assert.Equal(["foreign", "web-config"], remaining.Items.Select(i => i.Metadata.Name).Order());
    }

    [Fact]
    public async Task ApplyPlanAsync_WithLogger_ReportsCountsAndPrunedObjectsWithoutManifestContent()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        var logger = new ListLogger<ManifestApplier>();
        var applier = new ManifestApplier(logger);
        await applier.ApplyPlanAsync(connection, SamplePlan(ConfigMap("web", "apps", "extra")));

        await applier.ApplyPlanAsync(connection, SamplePlan());

        Assert.Contains("Applied bundle web to c1: 3 created, 0 configured, 0 unchanged", logger.Messages);
        Assert.Contains("Applied bundle web to c1: 0 created, 0 configured, 2 unchanged", logger.Messages);
        Assert.Contains("Pruned ConfigMap apps/extra from c1: no longer in the plan", logger.Messages);
        Assert.DoesNotContain(logger.Messages, m => m.Contains("token", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ApplyBundleAsync_ManifestWithoutClusterLabel_ThrowsNamingTheLabel()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        var bundle = Bundle("web", Manifest("web", "v1", "ConfigMap", "apps", "x", cluster: "someone-else"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _applier.ApplyBundleAsync(connection, Cluster, bundle));

        Assert.Contains("metadata.labels[clusterfunctions.io/cluster] must be \"c1\"", error.Message);
    }

    [Fact]
    public async Task ApplyBundleAsync_ManifestWithoutRequestIdAnnotation_ThrowsNamingTheAnnotation()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        var manifest = ConfigMap("web", "apps", "x");
        var body = System.Text.Json.Nodes.JsonNode.Parse(manifest.Json)!;
        body["metadata"]!["annotations"]!.AsObject().Remove(Core.Plans.InventoryLabels.RequestIdAnnotation);

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _applier.ApplyBundleAsync(connection, Cluster, Bundle("web", manifest with { Json = body.ToJsonString() })));

        Assert.Contains("metadata.annotations[clusterfunctions.io/request-id] is required", error.Message);
    }

    [Fact]
    public async Task ApplyBundleAsync_NamespaceMissing_ThrowsNonRetryableWithServerMessage()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();

        var error = await Assert.ThrowsAsync<KubernetesApplyException>(
            () => _applier.ApplyBundleAsync(connection, Cluster, Bundle("web", ConfigMap("web", "missing", "x"))));

        Assert.Equal(404, error.StatusCode);
        Assert.False(error.Retryable);
        Assert.Contains("namespaces \"missing\" not found", error.Message);
        Assert.Equal("x", error.Target?.Name);
    }

    [Fact]
    public async Task ApplyBundleAsync_ServerUnavailable_ThrowsRetryable()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var connection = emulator.Connect();
        emulator.Faults.FailRequests(503, count: 10, method: "PATCH");

        var error = await Assert.ThrowsAsync<KubernetesApplyException>(
            () => _applier.ApplyBundleAsync(connection, Cluster, Bundle("namespaces", Namespace("namespaces", "apps"))));

        Assert.Equal(503, error.StatusCode);
        Assert.True(error.Retryable);
    }

    /// <summary>
    /// Waits up to 10 s for both held requests to reach the emulator, then moves the clock past their hold (so a failed
    /// test does not leave them hanging) and fails if the second never came while the first was held.
    /// </summary>
    private static async Task AssertBothHeldAtOnceAsync(RunningKubernetesEmulator emulator, FakeTimeProvider time)
    {
        var consumed = emulator.Faults.WhenAllConsumedAsync();
        var arrived = await Task.WhenAny(consumed, Task.Delay(TimeSpan.FromSeconds(10))) == consumed;
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(arrived, "the second request never arrived while the first was held: the objects went one after the other");
    }
}
