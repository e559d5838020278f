using System.Globalization;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Bench.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus;

// Every figure comes from this one run, so the ratios compare like with like on a shared machine.
const int SingleSends = 2000;
const int BatchSends = 20000;
const int BatchSize = 100;
const int Receives = 10000;

var results = new SortedDictionary<string, double>(StringComparer.Ordinal);
var options = new ServiceBusEmulatorOptions();
// One queue per phase, so no phase has to empty what the one before left.
foreach (var name in new[] { "send", "receive-1", "receive-4" })
{
    options.Queues.Add(new EmulatorQueueOptions { Name = name, DuplicateDetectionWindow = TimeSpan.Zero });
}

await using var emulator = await ServiceBusEmulator.StartAsync(options);
await using var client = new ServiceBusClient(emulator.ConnectionString);
var benchmark = new ServiceBusBenchmark(client, emulator);

await benchmark.WarmUpAsync("send");
Record("send_single_msgs_per_s", await benchmark.SendSingleAsync("send", SingleSends), "msgs/s");
Record("send_batch_msgs_per_s", await benchmark.SendBatchesAsync("send", BatchSends, BatchSize), "msgs/s");
await benchmark.FillAsync("receive-1", Receives, BatchSize);
await benchmark.FillAsync("receive-4", Receives, BatchSize);
Record("receive_complete_1_receiver_msgs_per_s", await benchmark.ReceiveAndCompleteAsync("receive-1", Receives, receivers: 1), "msgs/s");
Record("receive_complete_4_receivers_msgs_per_s", await benchmark.ReceiveAndCompleteAsync("receive-4", Receives, receivers: 4), "msgs/s");
Record("ratio_batch_over_single_send", results["send_batch_msgs_per_s"] / results["send_single_msgs_per_s"], "x");
Record("ratio_4_over_1_receivers", results["receive_complete_4_receivers_msgs_per_s"] / results["receive_complete_1_receiver_msgs_per_s"], "x");
Write();
return 0;

void Record(string metric, double value, string unit)
{
    results[metric] = Math.Round(value, unit == "x" ? 2 : 0);
    Console.WriteLine(FormattableString.Invariant($"{metric}: {results[metric]} {unit}"));
}

void Write()
{
    var directory = Path.Combine(FindRepositoryRoot(), "bench", "results");
    Directory.CreateDirectory(directory);
    var document = new Dictionary<string, object>
    {
        ["benchmark"] = "servicebus",
        ["measuredAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["client"] = "Azure.Messaging.ServiceBus 7.21.0",
        ["singleSends"] = SingleSends,
        ["batchSends"] = BatchSends,
        ["batchSize"] = BatchSize,
        ["receives"] = Receives,
        ["metrics"] = results,
    };
    File.WriteAllText(Path.Combine(directory, "servicebus.json"), JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "ClusterFunctions.sln")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
