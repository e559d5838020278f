using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Bench.Chaos;
using ClusterFunctions.Bench.E2e;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.LocalCloud;

// ./bench/run chaos [--builds 100] [--instances 2] [--host-kills 3] [--worker-kills 3] [--restarts 1] [--seed N]
//                   [--deadline-minutes 15]
// Concurrent builds from the cluster-requests queue over several instances of the app while hosts and workers are
// SIGKILLed and restarted, and Azurite and LocalCloud (Service Bus, ARM, Kubernetes APIs) are restarted. Prints
// what happened to every build and exits 1 unless nothing was lost, stuck, duplicated or left without a reason.
var options = new Dictionary<string, int>
{
    ["--builds"] = 100, ["--instances"] = 2, ["--host-kills"] = 3, ["--worker-kills"] = 3, ["--restarts"] = 1,
    ["--seed"] = Environment.TickCount & 0xFFFF, ["--deadline-minutes"] = 15,
};
for (int i = 0; i < args.Length; i += 2)
{
    if (!options.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int value) || value < 0)
    {
        Console.Error.WriteLine($"usage: ./bench/run chaos {string.Join(' ', options.Keys.Select(k => $"[{k} N]"))} (bad option '{args[i]}')");
        return 2;
    }

    options[args[i]] = value;
}

int builds = options["--builds"], seed = options["--seed"];
string repository = Repository.Root();
string state = Path.Combine(Path.GetTempPath(), "cf-bench-chaos-" + Guid.NewGuid().ToString("N"));
var settings = new Dictionary<string, string>
{
    ["Build:CatalogDirectory"] = Path.Combine(repository, "infra", "catalog"),
    ["Build:InfrastructurePollInterval"] = "00:00:00.250",
    ["Build:GatePollInterval"] = "00:00:00.250",
    ["Logging:LogLevel:Default"] = "Warning",
    ["Limits:MaxConcurrentBuildsPerRequester"] = "10000",
    ["Limits:MaxConcurrentBuilds"] = "10000",
    ["Limits:RequestsPerMinute"] = "1000000",
};
FaultPlan plan = FaultPlan.Random(seed, options["--instances"], options["--host-kills"], options["--worker-kills"], options["--restarts"],
    TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12));
Console.WriteLine($"chaos: {builds} builds over {options["--instances"]} instances, {plan.Faults.Count} faults, seed {seed}");

Verdict verdict;
var clock = Stopwatch.StartNew();
DateTimeOffset started = DateTimeOffset.UtcNow;
string[] names = Enumerable.Range(0, builds).Select(i => $"chaos-{i}").ToArray();
try
{
    ChaosWorld world = await ChaosWorld.StartAsync(state, options["--instances"], settings);
    await using var stopping = new StopsLast(world);
    await using var events = new EventLedger(world.Cloud.ServiceBus.ConnectionString, LocalCloudHost.EventsTopic, LocalCloudHost.EventsSubscription);
    await SendAsync(world.Cloud, names);
    Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {builds} create requests queued");

    var deadline = TimeSpan.FromMinutes(options["--deadline-minutes"]);
    foreach (FaultPlan.Fault fault in plan.Faults)
    {
        await Task.Delay(fault.After);
        if (AllEnded(names, events))
        {
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  every build ended before the remaining faults");
            break;
        }

        Console.Write($"{clock.Elapsed.TotalSeconds,6:0.0} s  {fault}");
        var faultClock = Stopwatch.StartNew();
        switch (fault.Kind)
        {
            case FaultPlan.Kind.KillHost: await world.KillAndRestartHostAsync(fault.Instance, fault.Pause); break;
            case FaultPlan.Kind.KillWorker: world.KillWorker(fault.Instance); break;
            case FaultPlan.Kind.RestartAzurite: await world.RestartAzuriteAsync(fault.Pause); break;
            case FaultPlan.Kind.RestartLocalCloud: await world.RestartLocalCloudAsync(fault.Pause); break;
        }

        Console.WriteLine(fault.Kind == FaultPlan.Kind.KillWorker ? "" : $"; back after {faultClock.Elapsed.TotalSeconds:0.0} s");
    }

    while (!AllEnded(names, events) && clock.Elapsed < deadline)
    {
        await Task.Delay(1000);
    }

    // After its outcome a build still starts its cluster's loops; a fault then delays that by the queue's visibility
    // timeout (a minute), which is allowed until the deadline.
    while (AllEnded(names, events) && clock.Elapsed < deadline && await Verdict.StillRunningAsync(names, world.Storage) > 0)
    {
        await Task.Delay(1000);
    }

    Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {(AllEnded(names, events) ? "every build ended" : "deadline reached")}");
    // Late duplicates (an activity re-run after a crash republishes) get a moment to arrive and be counted.
    await Task.Delay(TimeSpan.FromSeconds(5));
    verdict = await Verdict.ReachAsync(names, events, world.Storage, world.Cloud, world.CloudDataDirectory, started);
    Console.WriteLine($"subscriber receive errors survived: {events.ReceiveErrors}");
}
finally
{
    Directory.Delete(state, recursive: true);
}

foreach (string problem in verdict.Problems.Take(20))
{
    Console.WriteLine($"  {problem}");
}

var figures = new (string Name, int Value, bool MustBeZero)[]
{
    ("builds", verdict.Requests, false),
    ("ready", verdict.Ready, false),
    ("failed_naming_the_step", verdict.FailedWithStep, false),
    ("refused_to_dead_letter_queue", verdict.DeadLettered, false),
    ("failed_without_a_step", verdict.FailedWithoutStep, true),
    ("still_running_after_deadline", verdict.StillRunning, true),
    ("requests_lost", verdict.Lost, true),
    ("builds_without_exactly_one_outcome", verdict.NotExactlyOneOutcome, true),
    ("duplicate_managed_clusters", verdict.DuplicateClusters, true),
    ("unexpected_managed_clusters", verdict.UnexpectedClusters, true),
    ("completion_deliveries", verdict.Deliveries, false),
    ("distinct_completion_events", verdict.DistinctEvents, false),
};
var document = new JsonObject { ["seed"] = seed, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1) };
foreach (var (name, value, mustBeZero) in figures)
{
    Console.WriteLine($"{name}: {value}{(mustBeZero && value != 0 ? "   <-- must be 0" : "")}");
    document[name] = value;
}

Directory.CreateDirectory(Path.Combine(repository, "bench", "results"));
await File.WriteAllTextAsync(Path.Combine(repository, "bench", "results", "chaos.json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
bool holds = verdict.Holds && !StopsLast.Failed;
Console.WriteLine(holds ? "chaos: every check holds" : $"chaos: FAILED (seed {seed}; rerun with --seed {seed})");
return holds ? 0 : 1;

static bool AllEnded(string[] names, EventLedger events) => names.All(n => events.For(n).Count > 0);

static async Task SendAsync(LocalCloudHost cloud, string[] names)
{
    await using var client = new ServiceBusClient(cloud.ServiceBus.ConnectionString);
    await using ServiceBusSender sender = client.CreateSender(LocalCloudHost.RequestsQueue);
    var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
    foreach (string[] batch in names.Chunk(50))
    {
        await sender.SendMessagesAsync(batch.Select(name => new ServiceBusMessage(JsonSerializer.Serialize(new ClusterRequest(name, name, "developer"), web))
        {
            MessageId = name,
            ContentType = "application/json",
            ApplicationProperties = { ["requestedBy"] = "bench-chaos", ["roles"] = "platform" },
        }));
    }
}
