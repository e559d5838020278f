// ./bench/run durable [--chain N] [--fanout N] [--orchestrations N] [--idle-samples N] [--idle-seconds S]
// The real Durable extension on Azurite through the local Functions host, once with the extension's default
// settings and once with the settings the app ships, in this one run; prints "metric: value unit" lines, a side-by-
// side table, and writes bench/results/durable.json.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClusterFunctions.Azurite;
using ClusterFunctions.Bench.Durable;
using ClusterFunctions.Host;
using Microsoft.Extensions.Logging;

var scale = BenchScale.Parse(args);
string appBuild = AppBuild.Find();
string root = Directory.CreateTempSubdirectory("cf-durable-bench-").FullName;
using ILoggerFactory quiet = LoggerFactory.Create(l => l.AddSimpleConsole(o => o.SingleLine = true)
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning)
    .AddFilter("DurableTask", LogLevel.Error).AddFilter("Host", LogLevel.Error));
var columns = new List<(SettingsProfile Profile, List<(string Metric, double Value, string Unit)> Results)>();
try
{
    foreach (SettingsProfile profile in new[] { SettingsProfile.Defaults, SettingsProfile.Shipped })
    {
        Console.WriteLine($"# {profile.Name}: {profile.Description}");
        string app = AppBuild.CopyTo(appBuild, Path.Combine(root, profile.Name));
        profile.WriteHostJson(app);
        var results = new List<(string, double, string)>();
        await using (AzuriteServer storage = await AzuriteServer.StartAsync(dataDirectory: null))
        await using (LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = app, Port = 0, StateDirectory = Path.Combine(root, profile.Name + "-state"), AzureWebJobsStorage = storage.ConnectionString,
            LoggerFactory = quiet,
        }))
        {
            using var client = new EngineClient(host);
            var poll = TimeSpan.FromMilliseconds(50);
            var deadline = TimeSpan.FromMinutes(10);

            // Warm-up: JIT, the worker's first calls, the hub's queues and tables.
            await client.WaitAsync(await client.StartAsync("SequenceOrchestrator", 5), poll, deadline);
            await client.WaitAsync(await client.StartAsync("FanOutOrchestrator", 20), poll, deadline);

            var watch = Stopwatch.StartNew();
            JsonElement chained = await client.WaitAsync(await client.StartAsync("SequenceOrchestrator", scale.Chain), poll, deadline);
            Check(chained.GetInt32() == scale.Chain, "the chain returned a wrong count");
            results.Add(("sequential_activities_per_s", scale.Chain / watch.Elapsed.TotalSeconds, "activities/s"));

            watch.Restart();
            JsonElement summed = await client.WaitAsync(await client.StartAsync("FanOutOrchestrator", scale.FanOut), poll, deadline);
            Check(summed.GetInt64() == (long)scale.FanOut * (scale.FanOut + 1) / 2, "the fan-out returned a wrong sum");
            results.Add(($"fanout_{scale.FanOut}_s", watch.Elapsed.TotalSeconds, "s"));

            watch.Restart();
            string[] ids = await Task.WhenAll(Enumerable.Range(0, scale.Orchestrations).Select(_ => client.StartAsync("SequenceOrchestrator", 1)));
            foreach (string id in ids)
            {
                Check((await client.WaitAsync(id, poll, deadline)).GetInt32() == 1, "a small orchestration returned a wrong count");
            }

            results.Add(("small_orchestrations_per_s", scale.Orchestrations / watch.Elapsed.TotalSeconds, "orchestrations/s"));

            // Idle to running: nothing runs for a while (queue polling backs off), then one orchestration is started.
            var latencies = new List<double>();
            for (int i = 0; i < scale.IdleSamples; i++)
            {
                await Task.Delay(scale.IdleTime);
                watch.Restart();
                await client.WaitAsync(await client.StartAsync("NoopOrchestrator", i), TimeSpan.FromMilliseconds(10), deadline);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            results.Add(("idle_to_running_p50_ms", Percentile(latencies, 0.50), "ms"));
            results.Add(("idle_to_running_p99_ms", Percentile(latencies, 0.99), "ms"));

            // The same, started by a client outside the host (another instance): nothing wakes the idle pollers.
            var external = new ExternalClient(storage.ConnectionString, "DurableBench", profile.PartitionCount);
            latencies.Clear();
            for (int i = 0; i < scale.IdleSamples; i++)
            {
                await Task.Delay(scale.IdleTime);
                watch.Restart();
                await client.WaitAsync(await external.StartAsync("NoopOrchestrator", i), TimeSpan.FromMilliseconds(10), deadline);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            latencies.Sort();
            results.Add(("idle_to_running_other_instance_p50_ms", Percentile(latencies, 0.50), "ms"));
            results.Add(("idle_to_running_other_instance_p99_ms", Percentile(latencies, 0.99), "ms"));
        }

        foreach ((string metric, double value, string unit) in results)
        {
            Console.WriteLine($"{profile.Name}.{metric}: {Format(value)} {unit}");
        }

        columns.Add((profile, results));
    }
}
finally
{
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // Azurite may still be closing a file; the temp directory is the system's to clean.
    }
}

ResultTable.Print(columns.Select(c => (c.Profile.Name, (IReadOnlyList<(string, double, string)>)c.Results)).ToList(), scale);
ResultTable.Write(Path.Combine(AppBuild.RepositoryRoot, "bench", "results", "durable.json"),
    columns.Select(c => (c.Profile.Name, (IReadOnlyList<(string, double, string)>)c.Results)).ToList(), scale);
return 0;

static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * p) - 1)];

static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);

static void Check(bool condition, string problem)
{
    if (!condition)
    {
        throw new InvalidOperationException(problem);
    }
}
