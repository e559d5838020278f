using Azure.Messaging.ServiceBus;
using ClusterFunctions.Bench.Messaging;
using ClusterFunctions.LocalCloud.ServiceBus;

// ./bench/run messaging: the Service Bus emulator (in process, in memory) through Azure.Messaging.ServiceBus. Every
// figure comes from this one run, so the ratios compare like with like on a shared machine.
const int SingleSends = 2000;
const int BatchSends = 20000;
const int BatchSize = 100;
const int Receives = 10000;
const int Prefetch = 100;
const int RoundTrips = 500;

var results = new BenchResults("Azure.Messaging.ServiceBus 7.21.0", new Dictionary<string, object>
{
    ["singleSends"] = SingleSends,
    ["batchSends"] = BatchSends,
    ["batchSize"] = BatchSize,
    ["receives"] = Receives,
    ["receivePrefetch"] = Prefetch,
    ["roundTrips"] = RoundTrips,
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

results.Write();
return 0;
