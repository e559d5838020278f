using System.Globalization;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Bench.Messaging;
using ClusterFunctions.LocalCloud.ServiceBus;

// ./bench/run messaging [--queue-messages 100] [--queue-interval-ms 250]: the Service Bus emulator (in process, in
// memory) through Azure.Messaging.ServiceBus, then the app's queue trigger on LocalCloud. Every figure comes from this
// one run, so the ratios compare like with like on a shared machine.
const int SingleSends = 2000;
const int BatchSends = 20000;
const int BatchSize = 100;
const int Receives = 10000;
const int Prefetch = 100;
const int RoundTrips = 500;
var queueMessages = Option("--queue-messages", 100);
var queueInterval = TimeSpan.FromMilliseconds(Option("--queue-interval-ms", 250));
var provisioning = TimeSpan.FromMinutes(10);

var results = new BenchResults("Azure.Messaging.ServiceBus 7.21.0", new Dictionary<string, object>
{
    ["singleSends"] = SingleSends,
    ["batchSends"] = BatchSends,
    ["batchSize"] = BatchSize,
    ["receives"] = Receives,
    ["receivePrefetch"] = Prefetch,
    ["roundTrips"] = RoundTrips,
    ["queueMessages"] = queueMessages,
    ["queueIntervalMs"] = queueInterval.TotalMilliseconds,
    ["queueProfile"] = "developer",
    ["provisioningTime"] = provisioning.ToString(),
});

var options = new ServiceBusEmulatorOptions();
// One queue per phase, so no phase has to empty what the one before left.
foreach (var name in new[] { "send", "warm-up", "receive-1", "receive-8", "round-trip" })
{
    options.Queues.Add(new EmulatorQueueOptions { Name = name, DuplicateDetectionWindow = TimeSpan.Zero });
}

await using (var emulator = await ServiceBusEmulator.StartAsync(options))
await using (var client = new ServiceBusClient(emulator.ConnectionString))
{
    var send = new SendThroughput(client);
    await send.SingleAsync("send", 200); // warm-up: connection, links, JIT
    results.Record("send_single_msgs_per_s", await send.SingleAsync("send", SingleSends), "msgs/s", 0);
    results.Record("send_batch_msgs_per_s", await send.BatchesAsync("send", BatchSends, BatchSize), "msgs/s", 0);
    results.Record("ratio_batch_over_single_send", results["send_batch_msgs_per_s"] / results["send_single_msgs_per_s"], "x", 2);

    var receive = new ReceiveThroughput(client, Prefetch);
    await receive.RunAsync("warm-up", 1000, receivers: 8);
    results.Record("send_receive_complete_1_receiver_msgs_per_s", await receive.RunAsync("receive-1", Receives, receivers: 1), "msgs/s", 0);
    results.Record("send_receive_complete_8_receivers_msgs_per_s", await receive.RunAsync("receive-8", Receives, receivers: 8), "msgs/s", 0);
    results.Record("ratio_8_over_1_receivers",
        results["send_receive_complete_8_receivers_msgs_per_s"] / results["send_receive_complete_1_receiver_msgs_per_s"], "x", 2);

    var roundTrips = await new RoundTrip(client).RunAsync("round-trip", RoundTrips);
    results.Record("round_trip_p50_ms", BenchResults.Percentile(roundTrips, 50), "ms", 3);
    results.Record("round_trip_p99_ms", BenchResults.Percentile(roundTrips, 99), "ms", 3);
}

await using (var app = await AppOnLocalCloud.StartAsync(provisioning))
{
    var inSendOrder = await new QueueTriggerLatency(app).RunAsync(queueMessages, queueInterval);
    if (QueueTriggerLatency.Backlogged(inSendOrder))
    {
        Console.Error.WriteLine("queue_to_orchestration: the last fifth waited over twice as long as the first, so these figures include a backlog; pace slower with --queue-interval-ms");
    }

    var latencies = inSendOrder.Order().ToArray();
    results.Record("queue_to_orchestration_p50_ms", BenchResults.Percentile(latencies, 50), "ms", 1);
    results.Record("queue_to_orchestration_p99_ms", BenchResults.Percentile(latencies, 99), "ms", 1);
    results.Record("queue_to_orchestration_messages", latencies.Length, "messages", 0);
}

results.Write();
return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
