using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Bench.E2e;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

// ./bench/run e2e [--clusters 100]: 100 developer clusters through the whole pipeline on LocalCloud
// with no simulated latency, then clusters one at a time with simulated latency (infrastructure 2 s, each app
// 1 s) to compare their median makespan with the plan's critical path: each build once the previous one has gone
// quiet (50 ms polls, then the shipped ones), and with the shipped polls back to back. Measured in one run, one process.
var count = args.Length > 1 && args[0] == "--clusters" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var repository = Repository.Root();
var catalog = Path.Combine(repository, "infra", "catalog");

var throughput = await Throughput.RunAsync(catalog, count);
var latency = await Makespan.RunAsync(catalog, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50));
var shippedPolls = await Makespan.RunAsync(catalog, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), poll: null);
var backToBack = await Makespan.RunAsync(catalog, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), poll: null, backToBack: true);

var results = new SortedDictionary<string, double>(StringComparer.Ordinal)
{
    ["clusters_per_s"] = throughput.ClustersPerSecond,
    ["ready_p50_ms"] = throughput.P50Ms,
    ["ready_p99_ms"] = throughput.P99Ms,
    ["peak_memory_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
    ["cpu_ms_per_cluster_host"] = PerCluster(throughput.Cpu.Host),
    ["cpu_ms_per_cluster_worker"] = PerCluster(throughput.Cpu.Worker),
    ["cpu_ms_per_cluster_azurite"] = PerCluster(throughput.Cpu.Azurite),
    ["cpu_busy_share"] = throughput.Cpu.Total.TotalSeconds / (throughput.TotalSeconds * Environment.ProcessorCount),
    ["makespan_ratio"] = latency.Ratio,
    ["makespan_ratio_shipped_polls"] = shippedPolls.Ratio,
    ["makespan_ratio_back_to_back"] = backToBack.Ratio,
};
var units = new Dictionary<string, string>
{
    ["clusters_per_s"] = "clusters/s",
    ["ready_p50_ms"] = "ms",
    ["ready_p99_ms"] = "ms",
    ["peak_memory_mb"] = "MB",
    ["cpu_ms_per_cluster_host"] = "ms (CPU per cluster in the throughput run: the local host with the Durable engine, LocalCloud and the bench's client, one process)",
    ["cpu_ms_per_cluster_worker"] = "ms (the function app's worker)",
    ["cpu_ms_per_cluster_azurite"] = "ms (Azurite, one Node.js thread)",
    ["cpu_busy_share"] = $"(of {Environment.ProcessorCount} cores, the three processes together, over the throughput run)",
    ["makespan_ratio"] = $"(polls every 50 ms: median makespan {latency.MakespanSeconds:0.00} s / critical path {latency.CriticalPathSeconds:0.00} s; each warm build: {Ratios(latency)}; the app's first build, cold: {latency.ColdStartSeconds:0.00} s)",
    ["makespan_ratio_shipped_polls"] = $"(the poll intervals the app ships: median makespan {shippedPolls.MakespanSeconds:0.00} s; each warm build: {Ratios(shippedPolls)}; cold: {shippedPolls.ColdStartSeconds:0.00} s)",
    ["makespan_ratio_back_to_back"] = $"(shipped poll intervals, each build posted when the previous one's event arrives: median makespan {backToBack.MakespanSeconds:0.00} s; each warm build: {Ratios(backToBack)})",
};
foreach (var (metric, value) in results)
{
    Console.WriteLine($"{metric}: {value.ToString("0.###", CultureInfo.InvariantCulture)} {units[metric]}");
}

Console.WriteLine($"({count} clusters in {throughput.TotalSeconds:0.00} s; {Environment.ProcessorCount} cores)");
foreach (var (title, run) in new[] { ("polls every 50 ms", latency), ("shipped poll intervals", shippedPolls), ("shipped poll intervals, back to back", backToBack) })
{
    Console.WriteLine($"makespan build ({title}; the median of {Makespan.WarmBuilds} warm builds), step by step from its creation:");
    foreach (var line in run.Timeline)
    {
        Console.WriteLine(line);
    }
}

Directory.CreateDirectory(Path.Combine(repository, "bench", "results"));
var document = new JsonObject();
foreach (var (metric, value) in results)
{
    document[metric] = new JsonObject { ["value"] = Math.Round(value, 3), ["unit"] = Unit(metric) };
}

await File.WriteAllTextAsync(Path.Combine(repository, "bench", "results", "e2e.json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

string Unit(string metric) => metric switch
{
    _ when metric.StartsWith("makespan_ratio", StringComparison.Ordinal) => "ratio",
    _ when metric.StartsWith("cpu_ms", StringComparison.Ordinal) => "ms",
    "cpu_busy_share" => "share",
    _ => units[metric],
};

double PerCluster(TimeSpan cpu) => cpu.TotalMilliseconds / count;

static string Ratios(Makespan.Result run) => string.Join(" ", run.Ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)));
