// ./bench/run durable: every figure measured in this one run, printed as "metric: value unit" and written to
// bench/results/durable.json.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClusterFunctions.Bench.Durable;

var directory = Path.Combine(Path.GetTempPath(), "cf-durable-bench");
Directory.CreateDirectory(directory);
var results = new List<(string Metric, double Value, string Unit)>();

await using (var host = await BenchHost.StartAsync(directory))
{
    // Warm-up: JIT and SQLite caches, so the first measured run is not a cold start.
    await host.RunAsync("Sequence", 50, 50);
    await host.RunAsync("FanOut", 50, Enumerable.Range(1, 50).Sum());

    const int chain = 1000;
    var sequential = await host.RunAsync("Sequence", chain, chain);
    results.Add(("sequential_activities_per_s", chain / sequential.TotalSeconds, "activities/s"));

    var fanOut = await host.RunAsync("FanOut", 1000, Enumerable.Range(1, 1000).Sum());
    results.Add(("fanout_1000_s", fanOut.TotalSeconds, "s"));

    const int orchestrations = 1000;
    var commitsBefore = host.Commits;
    var watch = Stopwatch.StartNew();
    var ids = await Task.WhenAll(Enumerable.Range(0, orchestrations).Select(_ => host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 5)));
    var finished = new List<ClusterFunctions.Durable.Client.OrchestrationMetadata>();
    foreach (var id in ids)
    {
        finished.Add(await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true));
    }

    watch.Stop();
    if (finished.Any(m => m.ReadOutputAs<int>() != 5))
    {
        throw new InvalidOperationException("An orchestration of five activities returned a wrong output.");
    }

    var engineCommits = (host.Commits - commitsBefore) / watch.Elapsed.TotalSeconds;
    results.Add(("orchestrations_per_s", orchestrations / watch.Elapsed.TotalSeconds, "orchestrations/s"));

    // Idle-to-running: the worker is idle, then one orchestration is scheduled; measured to its first activity.
    var latencies = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        await Task.Delay(20);
        var scheduled = Stopwatch.GetTimestamp();
        await host.RunAsync("ProbeOrchestrator", i, i);
        latencies.Add(Stopwatch.GetElapsedTime(scheduled, BenchHost.ProbeStarted).TotalMilliseconds);
    }

    latencies.Sort();
    results.Add(("idle_to_running_p50_ms", latencies[latencies.Count / 2], "ms"));
    results.Add(("idle_to_running_p99_ms", latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1], "ms"));

    var floor = SqliteFloor.MeasureCommitsPerSecond(directory, TimeSpan.FromSeconds(3));
    results.Add(("sqlite_floor_commits_per_s", floor, "commits/s"));
    results.Add(("engine_commits_per_s", engineCommits, "commits/s"));
    results.Add(("floor_ratio", engineCommits / floor, "ratio"));
}

foreach (var (metric, value, unit) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric}: {value:0.###} {unit}"));
}

var resultsDirectory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
var json = JsonSerializer.Serialize(
    results.ToDictionary(r => r.Metric, r => (object)new { value = Math.Round(r.Value, 3), unit = r.Unit }),
    new JsonSerializerOptions { WriteIndented = true });
Directory.CreateDirectory(Path.GetFullPath(resultsDirectory));
await File.WriteAllTextAsync(Path.Combine(Path.GetFullPath(resultsDirectory), "durable.json"), json + Environment.NewLine);
return 0;
