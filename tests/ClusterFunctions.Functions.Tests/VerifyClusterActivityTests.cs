using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Tests;

public class VerifyClusterActivityTests
{
    private static readonly ClusterPlan Plan = ClusterPlanRenderer.Render(CatalogLoader.Load(TestApps.Catalog).Catalog,
        new ClusterRequest("verify-1", "verify", "developer")).Plan!;

    [Fact]
    public async Task Bundles_AreCheckedAtOnce_AndTheProblemsKeepThePlansOrder()
    {
        var bundles = Plan.Levels.SelectMany(l => l.Bundles).Select(b => b.Name).ToList();
        var (first, last) = (bundles[0], bundles[^1]);
        // The first bundle's check answers only once the last one's has: checked one after the other, it never would.
        var lastChecked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drift = new AnsweringDriftChecker(async bundle =>
        {
            if (bundle.Name == first)
            {
                await lastChecked.Task;
            }
            else if (bundle.Name == last)
            {
                lastChecked.SetResult();
            }

            return bundle.Name == first || bundle.Name == last ? ApplyOutcome.Created : ApplyOutcome.Unchanged;
        });
        var gated = Plan.Levels.SelectMany(l => l.Bundles).First(b => b.Gate is not null).Name;
        var probe = new NotReadyProbe(gateOf: gated);
        using var connection = new ClusterConnection("{}"u8, null, new Uri("https://verify.test/"));

        var (verified, problems) = await VerifyClusterActivity.VerifyBundlesAsync(drift, probe, connection, Plan, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        var manifests = Plan.Levels.SelectMany(l => l.Bundles).ToDictionary(b => b.Name, b => b.Manifests.Count);
        Assert.Equal(manifests.Values.Sum() - manifests[first] - manifests[last], verified);
        Assert.Equal(
            [.. Enumerable.Repeat($"Object {first} is missing", manifests[first]), $"{gated}: not ready on purpose", .. Enumerable.Repeat($"Object {last} is missing", manifests[last])],
            problems);
        Assert.Equal(Plan.Levels.Sum(l => l.Bundles.Count), drift.Checked);
    }

    private sealed class AnsweringDriftChecker(Func<BundlePlan, Task<ApplyOutcome>> outcome) : IDriftChecker
    {
        private int _checked;

        public int Checked => _checked;

        public async Task<BundleApplyResult> CheckBundleAsync(ClusterConnection connection, string clusterName, BundlePlan bundle, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _checked);
            var answer = await outcome(bundle);
            return new BundleApplyResult(bundle.Name, bundle.Manifests.Select(_ => new AppliedObject(new KubernetesObjectRef("v1", "Object", null, bundle.Name), answer, "1")).ToList());
        }
    }

    private sealed class NotReadyProbe(string gateOf) : IReadinessProbe
    {
        public Task<GateCheckResult> CheckAsync(ClusterConnection connection, ReadinessGate gate, TimeSpan elapsed, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GateCheckResult(Plan.Levels.SelectMany(l => l.Bundles).First(b => b.Gate == gate).Name == gateOf ? GateState.NotReady : GateState.Ready, "not ready on purpose", []));
    }
}
