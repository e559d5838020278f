using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Bench.E2e;

/// <summary>
/// One cluster with simulated latency. Its critical path is the infrastructure time plus one
/// readiness delay per apply level that has a gate; a makespan close to that proves the bundles
/// of a level really run in parallel.
/// </summary>
internal static class Makespan
{
    public sealed record Result(double MakespanSeconds, double CriticalPathSeconds, double Ratio);

    public static async Task<Result> RunAsync(string catalog, TimeSpan infrastructure, TimeSpan perApp)
    {
        var request = new ClusterRequest("makespan", "makespan", "developer");
        var plan = ClusterPlanRenderer.Render(CatalogLoader.Load(catalog).Catalog, request).Plan!;
        var gatedLevels = plan.Levels.Count(l => l.Bundles.Any(b => b.Gate is not null));
        var criticalPath = infrastructure + (perApp * gatedLevels);

        await using var app = await BenchApp.StartAsync(catalog, infrastructure, perApp, TimeSpan.FromMilliseconds(50));
        var makespan = await app.BuildAsync(request);
        return new Result(makespan.TotalSeconds, criticalPath.TotalSeconds, makespan / criticalPath);
    }
}
