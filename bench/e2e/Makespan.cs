using System.Text.Json.Nodes;
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
    /// <param name="Timeline">Each step of the median build as the app recorded it, from the build's creation: where the time went.</param>
    /// <param name="Ratios">Every warm build's makespan / critical path, in the order they ran.</param>
    public sealed record Result(double MakespanSeconds, double CriticalPathSeconds, double Ratio, IReadOnlyList<string> Timeline, double ColdStartSeconds, IReadOnlyList<double> Ratios);

    /// <summary>Warm builds per setting: one build's makespan moves by ±0.1 s between runs on this shared machine, so the median of several is taken.</summary>
    public const int WarmBuilds = 7;

    /// <param name="poll">The build's poll intervals; null for the ones the app ships.</param>
    /// <param name="backToBack">Each build posted as soon as the previous one's event arrives, where it otherwise waits
    /// until the previous build has gone quiet (<see cref="BenchApp.SettledAsync"/>): the work that ends a build
    /// (starting its expiry lease and reconcile loop, their first turns, its last checkpoint) then shares the engine
    /// with the next build's first steps, so the ratio is no longer one build's alone.</param>
    public static async Task<Result> RunAsync(string catalog, TimeSpan infrastructure, TimeSpan perApp, TimeSpan? poll, bool backToBack = false)
    {
        var request = new ClusterRequest("makespan", "makespan", "developer");
        var plan = ClusterPlanRenderer.Render(CatalogLoader.Load(catalog).Catalog, request).Plan!;
        var gatedLevels = plan.Levels.Count(l => l.Bundles.Any(b => b.Gate is not null));
        var criticalPath = infrastructure + (perApp * gatedLevels);

        await using var app = await BenchApp.StartAsync(catalog, infrastructure, perApp, poll);
        // The app's first build also pays for its cold start (JIT, the first Service Bus and Kubernetes connections):
        // measured and shown, but the ratio is taken on the builds after it, one at a time, as a running app does them.
        var previous = request with { RequestId = "makespan-cold", ClusterName = "makespan-cold" };
        var coldStart = await app.BuildAsync(previous);
        var warm = new List<(ClusterRequest Request, TimeSpan Makespan)>();
        for (var build = 1; build <= WarmBuilds; build++)
        {
            if (!backToBack)
            {
                await app.SettledAsync(previous.ClusterName);
            }

            previous = request with { RequestId = $"makespan-{build}", ClusterName = $"makespan-{build}" };
            warm.Add((previous, await app.BuildAsync(previous)));
        }

        var median = warm.OrderBy(b => b.Makespan).ElementAt(WarmBuilds / 2);
        var status = JsonNode.Parse(await app.Http.GetStringAsync($"api/clusters/{median.Request.ClusterName}"))!;
        var timeline = Timeline(status);
        timeline.Add($"  event received by the subscriber +{median.Makespan.TotalSeconds,5:0.00} s after the POST");
        return new Result(median.Makespan.TotalSeconds, criticalPath.TotalSeconds, median.Makespan / criticalPath, timeline, coldStart.TotalSeconds,
            warm.Select(b => b.Makespan / criticalPath).ToList());
    }

    private static List<string> Timeline(JsonNode status)
    {
        var created = status["createdAt"]!.GetValue<DateTimeOffset>();
        return status["steps"]!.AsArray().Select(step => step!["startedAt"] is { } started && step["completedAt"] is { } completed
            ? $"  {step["name"]!.GetValue<string>(),-28} +{(started.GetValue<DateTimeOffset>() - created).TotalSeconds,5:0.00} s  took {(completed.GetValue<DateTimeOffset>() - started.GetValue<DateTimeOffset>()).TotalSeconds,5:0.00} s"
            : $"  {step!["name"]!.GetValue<string>(),-28} not run")
            .Concat(status["events"]!.AsArray().Select(e => $"  event {e!["type"]!.GetValue<string>(),-22} +{(e["time"]!.GetValue<DateTimeOffset>() - created).TotalSeconds,5:0.00} s (published)"))
            .ToList();
    }
}
