using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Core.Upgrades;

namespace ClusterFunctions.Core.Tests.Upgrades;

/// <summary>
/// What an upgrade says it changes, computed from the developer profile as shipped and as edited: a newer Kubernetes
/// version, a wider apps pool, more memory for Redis, and the developer-access policy dropped.
/// </summary>
public sealed class UpgradeDiffTests : IDisposable
{
    private static readonly ClusterRequest Request = new("req-1", "demo", "developer");
    private readonly CatalogFixture catalog = new();

    [Fact]
    public void Infrastructure_KubernetesVersionAndPoolBounds_AreReportedPerPool()
    {
        var (old, next) = Plans();

        var changes = InfrastructureDiff.Compare(old.Infrastructure, next.Infrastructure);

        Assert.Equal(("1.32", "1.33"), (changes.KubernetesVersionFrom, changes.KubernetesVersionTo));
        Assert.True(changes.KubernetesVersionChanges);
        Assert.True(changes.BodyChanged);
        Assert.Empty(changes.Refusals!);
        var pool = Assert.Single(changes.NodePools);
        Assert.Equal(new NodePoolChange("apps", "changed", "maxCount 3 -> 4"), pool);
    }

    [Fact]
    public void Infrastructure_TwoMinorVersionsAheadOrANewVmSize_AreRefusalsNamingWhatAksWants()
    {
        var old = Render();
        catalog.Replace("profiles/base.yaml", "kubernetesVersion: \"1.32\"", "kubernetesVersion: \"1.34\"")
            .Replace("profiles/base.yaml", "      vmSize: Standard_NC4as_T4_v3", "      vmSize: Standard_NC8as_T4_v3");

        var changes = InfrastructureDiff.Compare(old.Infrastructure, Render().Infrastructure);

        Assert.Equal(2, changes.Refusals!.Count);
        Assert.Contains("Kubernetes 1.32 -> 1.34: AKS moves a cluster one minor version at a time and never back; go through 1.33 first", changes.Refusals);
        Assert.Contains("node pool gpu: AKS cannot change a pool's vmSize (Standard_NC4as_T4_v3 -> Standard_NC8as_T4_v3)", changes.Refusals[1]);
    }

    [Fact]
    public void Infrastructure_SamePlan_ChangesNothing()
    {
        var (old, _) = Plans();

        var changes = InfrastructureDiff.Compare(old.Infrastructure, old.Infrastructure);

        Assert.False(changes.KubernetesVersionChanges);
        Assert.False(changes.BodyChanged);
        Assert.Empty(changes.NodePools);
    }

    [Fact]
    public void Manifests_DryRunOfTheNewPlan_SplitsCreateChangeRestampAndDelete()
    {
        var (old, next) = Plans();
        var objects = next.Levels.SelectMany(l => l.Bundles).SelectMany(b => b.Manifests).Select(m => new KubernetesObjectRef(m.ApiVersion, m.Kind, m.Namespace, m.Name)).ToList();
        // As the live cluster answers a dry run: every object restamped with the new version, one deleted by hand.
        var missing = objects.First(o => o.Kind == "Service");
        var dryRun = objects.Select(o => new AppliedObject(o, o == missing ? ApplyOutcome.Created : ApplyOutcome.Configured, "1")).ToList();

        var changes = ManifestDiff.Compare(old, next, dryRun);

        Assert.Equal([missing.ToString()], changes.Create);
        // The namespaces change too: their Pod Security labels pin the cluster's Kubernetes version.
        Assert.Equal(["Deployment redis/redis", "Namespace ai", "Namespace kafka", "Namespace redis"], changes.Change);
        Assert.Equal(["Role ai/model-serving-developer", "RoleBinding ai/model-serving-developer"], changes.Delete);
        Assert.Equal(objects.Count - 5, changes.Restamped);
    }

    [Fact]
    public void Waves_FiveClustersOfTwo_AreThreeWavesInNameOrder()
    {
        var waves = UpgradeWaves.Plan(["e", "a", "d", "b", "c"], 2);

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], waves.Select(w => w.ToArray()).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => UpgradeWaves.Plan(["a"], 0));
    }

    [Theory]
    [InlineData("""{"waveSize": 0}""", "waveSize", "between 1 and 100")]
    [InlineData("""{"waveSize": 101}""", "waveSize", "between 1 and 100")]
    [InlineData("""{"waveSize": "2"}""", "waveSize", "a number")]
    [InlineData("""{"dryRun": "yes"}""", "dryRun", "a boolean")]
    [InlineData("""{"wavesize": 2}""", "wavesize", "")]
    public void ParseUpgrade_BadField_IsRefusedNamingIt(string body, string field, string rule)
    {
        var (request, problems) = ClusterRequestParser.ParseUpgrade(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Null(request);
        var problem = Assert.Single(problems);
        Assert.Equal(field, problem.Path);
        Assert.Contains(rule, problem.Message);
    }

    [Fact]
    public void ParseUpgrade_EmptyObject_IsOneClusterPerWave_NotADryRun()
    {
        Assert.Equal(new UpgradeRequest(1, false), ClusterRequestParser.ParseUpgrade("{}"u8).Request);
        Assert.Equal(new UpgradeRequest(3, true), ClusterRequestParser.ParseUpgrade("""{"waveSize":3,"dryRun":true}"""u8).Request);
    }

    public void Dispose() => catalog.Dispose();

    private (ClusterPlan Old, ClusterPlan Next) Plans()
    {
        var old = Render();
        catalog.Replace("profiles/base.yaml", "kubernetesVersion: \"1.32\"", "kubernetesVersion: \"1.33\"")
            .Replace("profiles/developer.yaml", "      minCount: 1\n      maxCount: 3", "      minCount: 1\n      maxCount: 4")
            .Replace("profiles/developer.yaml", "memory: 256Mi", "memory: 512Mi")
            .Replace("profiles/developer.yaml", "  - name: developer-access\n    parameters: { developerGroup: ai-developers }\n", "");
        return (old, Render());
    }

    private PlanResult RenderResult() => ClusterPlanRenderer.Render(catalog.Load().Catalog, Request);

    private ClusterPlan Render() => RenderResult().Plan ?? throw new InvalidOperationException(string.Join("; ", RenderResult().Problems.Select(p => p.Message)));
}
