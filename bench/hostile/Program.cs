using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.Azurite;
using ClusterFunctions.Bench.E2e;
using ClusterFunctions.Bench.Hostile;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using Microsoft.Extensions.Logging;

// ./bench/run hostile [--inputs 1000] [--seed 1]: generated hostile inputs (HTTP bodies, headers, methods and paths;
// queue messages; damaged catalog files) against the app on LocalCloud and the catalog loader. Prints how each was
// answered and fails unless none got a 5xx, a hang, an answer without a reason, a dead worker, or left state behind.
var inputs = Option("--inputs", 1000);
var random = new Random(Option("--seed", 1));
var mutations = new Mutations(random);
var repository = Repository.Root();
var state = Directory.CreateTempSubdirectory("cf-hostile-").FullName;
var key = FunctionKeys.Generate();

await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions());
var settings = new Dictionary<string, string>(cloud.HostSettings())
{
    ["TASKHUB_NAME"] = "Hostile",
    ["Build:CatalogDirectory"] = Path.Combine(repository, "infra", "catalog"),
    ["Logging:LogLevel:Default"] = "Warning",
    ["Auth:Keys:hostile:Value"] = key,
    ["Auth:Keys:hostile:Roles"] = "platform,approver,developer",
    ["Limits:MaxConcurrentBuildsPerRequester"] = "10000",
    ["Limits:MaxConcurrentBuilds"] = "10000",
    ["Limits:RequestsPerMinute"] = "1000000",
};
await using var storage = await AzuriteServer.StartAsync(dataDirectory: null);
await using var host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
{
    AppDirectory = Repository.AppDirectory(),
    Port = 0,
    StateDirectory = Path.Combine(state, "functions-host"),
    AzureWebJobsStorage = storage.ConnectionString,
    AppSettings = settings,
    LoggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Critical)),
});
var worker = await host.GetWorkerProcessIdAsync();

var counts = new Dictionary<string, Dictionary<Outcome, int>>();
void Count(string kind, Outcome outcome)
{
    var row = counts.TryGetValue(kind, out var r) ? r : counts[kind] = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0);
    row[outcome]++;
}

var http = new HttpProbes(host.BaseUrl, key, mutations, random);
var httpCount = inputs * 45 / 100;
foreach (var batch in Enumerable.Range(0, httpCount).Chunk(8))
{
    foreach (var outcome in await Task.WhenAll(batch.Select(http.SendOneAsync)))
    {
        Count("http", outcome);
    }
}

var queue = new QueueProbes(cloud.ServiceBus.ConnectionString, mutations, random);
var queueCount = inputs * 25 / 100;
await queue.SendAsync(queueCount);
var (queueOutcomes, queueAccepted) = await queue.SettleAsync(TimeSpan.FromMinutes(2));
counts["queue"] = queueOutcomes;

List<string> catalogFailures;
using (var catalog = new CatalogProbes(Path.Combine(repository, "infra", "catalog"), mutations, random))
{
    for (var i = 0; i < inputs - httpCount - queueCount; i++)
    {
        Count("catalog", await catalog.LoadOneAsync());
    }

    catalogFailures = catalog.Failures;
}

// Partial state: a build or a managed cluster for a name whose request was refused.
var accepted = http.AcceptedNames.Concat(queueAccepted).ToHashSet(StringComparer.Ordinal);
using var management = new HttpClient { BaseAddress = host.BaseUrl };
management.DefaultRequestHeaders.Add("x-functions-key", host.Keys.DurableSystemKey);
var instances = JsonNode.Parse(await management.GetStringAsync("runtime/webhooks/durabletask/instances?top=10000"))!.AsArray()
    .Select(i => i!["instanceId"]!.GetValue<string>()).ToList();
// Builds and deletes only: the app's own singletons (the announcer of terminated builds) belong to no request.
var stray = instances.Where(id => id.StartsWith("cluster-", StringComparison.Ordinal) || id.StartsWith("delete-", StringComparison.Ordinal))
    .Select(id => id[(id.IndexOf('-') + 1)..]).Where(name => !accepted.Contains(name))
    .Concat(cloud.Clusters.Clusters.Keys.Select(id => id.Split('/').Last()).Where(name => !accepted.Contains(name)))
    .Distinct().ToList();
var workerRestarts = await host.GetWorkerProcessIdAsync() == worker ? 0 : 1;
using var health = new HttpClient { BaseAddress = host.BaseUrl };
var healthy = (await health.GetAsync("api/health/ready")).IsSuccessStatusCode;

Console.WriteLine($"{"input",-8} {"total",6} {"accepted",9} {"clear 4xx/DLQ",14} {"unclear",8} {"5xx/crash",10} {"hang",5}");
foreach (var (kind, row) in counts)
{
    Console.WriteLine($"{kind,-8} {row.Values.Sum(),6} {row[Outcome.Accepted],9} {row[Outcome.ClearRefusal],14} {row[Outcome.UnclearRefusal],8} {row[Outcome.ServerError],10} {row[Outcome.Hang],5}");
}

var bad = counts.Values.Sum(r => r[Outcome.ServerError] + r[Outcome.Hang] + r[Outcome.UnclearRefusal]);
Console.WriteLine($"inputs: {counts.Values.Sum(r => r.Values.Sum())}");
Console.WriteLine($"bad_answers: {bad} (5xx, crash, hang or a refusal without a reason; target 0)");
Console.WriteLine($"partial_state: {stray.Count} names with a build or cluster though refused{(stray.Count > 0 ? ": " + string.Join(", ", stray.Take(10)) : "")}");
Console.WriteLine($"worker_restarts: {workerRestarts}; host ready after: {healthy}");
foreach (var failure in catalogFailures.Distinct().Take(10))
{
    Console.WriteLine($"  catalog loader threw: {failure}");
}

var results = new JsonObject
{
    ["inputs"] = counts.Values.Sum(r => r.Values.Sum()),
    ["bad_answers"] = bad,
    ["partial_state"] = stray.Count,
    ["worker_restarts"] = workerRestarts,
    ["by_input"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)new JsonObject(c.Value.Select(o => KeyValuePair.Create(o.Key.ToString(), (JsonNode?)o.Value)))))),
};
Directory.CreateDirectory(Path.Combine(repository, "bench", "results"));
await File.WriteAllTextAsync(Path.Combine(repository, "bench", "results", "hostile.json"), results.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
Directory.Delete(state, recursive: true);
return bad == 0 && stray.Count == 0 && workerRestarts == 0 && healthy ? 0 : 1;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
