using System.Globalization;
using ClusterFunctions.Bench.E2e;
using ClusterFunctions.Bench.Scale;
using ClusterFunctions.LocalCloud;

// ./bench/run scale [--builds 40] [--instances 1,2,3]: the same burst of developer clusters on the shared
// cluster-requests queue with 1, 2 and 3 instances of the app (each a local host process with its worker) on one
// Azurite and task hub; clusters/s for each and the scale-out efficiency, all measured in this run.
int builds = 40;
int[] counts = [1, 2, 3];
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--builds": builds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--instances": counts = args[i + 1].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(); break;
        default: throw new ArgumentException($"unknown option {args[i]} (use --builds N, --instances 1,2,3)");
    }
}

string repository = Repository.Root();
string state = Path.Combine(Path.GetTempPath(), "cf-bench-scale-" + Guid.NewGuid().ToString("N"));
await using LocalCloudHost cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions());
await using var events = new CompletionEvents(cloud.ServiceBus.ConnectionString, LocalCloudHost.EventsTopic, LocalCloudHost.EventsSubscription);
Dictionary<string, string> settings = BenchAppSettings.For(cloud, Path.Combine(repository, "infra", "catalog"));

var results = new List<ScaleRound.Result>();
try
{
    foreach (int instances in counts)
    {
        ScaleRound.Result result = await ScaleRound.RunAsync(cloud, events, instances, builds, settings, state);
        results.Add(result);
        Console.WriteLine($"instances {instances}: {result.ClustersPerSecond:0.00} clusters/s ({builds} in {result.Seconds:0.0} s); " +
            $"CPU s per instance {string.Join(" / ", result.InstanceCpuSeconds.Select(c => c.ToString("0.0", CultureInfo.InvariantCulture)))}; " +
            $"partition owners {string.Join(", ", result.PartitionOwners)}");
        CpuSample cpu = result.Cpu;
        Console.WriteLine($"  CPU s: hosts {cpu.Hosts:0.0}, workers {cpu.Workers:0.0}, Azurite {cpu.Azurite:0.0}, LocalCloud {cpu.LocalCloud:0.0}, " +
            $"rest of machine {cpu.Other:0.0}; cores busy {cpu.BusyShare:P0} of {cpu.MachineTotal:0.0} s");
    }
}
finally
{
    if (Directory.Exists(state))
    {
        Directory.Delete(state, recursive: true);
    }
}

var figures = new SortedDictionary<string, (double Value, string Unit)>(StringComparer.Ordinal);
ScaleRound.Result? single = results.FirstOrDefault(r => r.Instances == 1);
foreach (ScaleRound.Result result in results)
{
    figures[$"clusters_per_s_{result.Instances}"] = (result.ClustersPerSecond, "clusters/s");
    figures[$"machine_busy_{result.Instances}"] = (result.Cpu.BusyShare, "share of all cores");
    figures[$"cpu_ms_per_build_{result.Instances}"] = (1000 * (result.Cpu.MachineBusy - result.Cpu.Other) / result.Builds,
        "CPU ms (instances, Azurite, LocalCloud)");
    if (single is not null && result.Instances > 1)
    {
        // Throughput with n instances divided by n times one instance's, measured in this run.
        figures[$"efficiency_{result.Instances}"] = (result.ClustersPerSecond / (result.Instances * single.ClustersPerSecond), "ratio");
    }
}

await BenchFigures.PrintAndWriteAsync("scale", figures, $"({builds} builds per round; {Environment.ProcessorCount} cores)");
