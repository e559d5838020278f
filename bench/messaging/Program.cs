using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClusterFunctions.Bench.Messaging;
using ClusterFunctions.LocalCloud.ServiceBus;
using ClusterFunctions.Messaging.Amqp;
using RabbitMQ.Client;

const int Messages = 5000;
const int RoundTrips = 500;
var root = FindRepositoryRoot();
var results = new SortedDictionary<string, double>(StringComparer.Ordinal);

var emulatorOptions = new ServiceBusEmulatorOptions();
emulatorOptions.Queues.Add(new EmulatorQueueOptions { Name = "bench", DuplicateDetectionWindow = TimeSpan.Zero });
await using (var emulator = await ServiceBusEmulator.StartAsync(emulatorOptions))
await using (var client = new AmqpMessagingClient(new AmqpMessagingOptions { ConnectionString = emulator.ConnectionString }))
{
    await MeasureAsync("emulator", new MessagingBenchmark(client, "bench", Messages, RoundTrips));
}

var rabbitAddress = new Uri(Environment.GetEnvironmentVariable("CF_RABBITMQ_AMQP") ?? "amqp://guest:guest@127.0.0.1:5672");
var queue = "cf-bench-" + Guid.NewGuid().ToString("N")[..8];
if (!await DeclareRabbitQueueAsync(rabbitAddress, queue))
{
    Console.Error.WriteLine("RabbitMQ is not reachable; starting it with tests/services/rabbitmq.sh");
    using var start = Process.Start(new ProcessStartInfo(Path.Combine(root, "tests/services/rabbitmq.sh"), "start"));
    await start!.WaitForExitAsync();
    if (!await DeclareRabbitQueueAsync(rabbitAddress, queue))
    {
        Console.Error.WriteLine($"RabbitMQ is still not reachable at {rabbitAddress.Host}:{rabbitAddress.Port}; the rabbitmq_* figures are missing");
        Write(results, root);
        return 1;
    }
}

await using (var client = new AmqpMessagingClient(new AmqpMessagingOptions { Endpoint = rabbitAddress, Dialect = BrokerDialect.GenericAmqp }))
{
    await MeasureAsync("rabbitmq", new MessagingBenchmark(client, queue, Messages, RoundTrips));
}

await DeleteRabbitQueueAsync(rabbitAddress, queue);
Write(results, root);
return 0;

async Task MeasureAsync(string broker, MessagingBenchmark benchmark)
{
    results[$"{broker}_msgs_per_s"] = Math.Round(await benchmark.ThroughputAsync(), 0);
    var samples = await benchmark.RoundTripsAsync();
    results[$"{broker}_rtt_p50_ms"] = Math.Round(MessagingBenchmark.Percentile(samples, 50), 3);
    results[$"{broker}_rtt_p99_ms"] = Math.Round(MessagingBenchmark.Percentile(samples, 99), 3);
    Console.WriteLine(FormattableString.Invariant($"{broker}_msgs_per_s: {results[$"{broker}_msgs_per_s"]} msgs/s"));
    Console.WriteLine(FormattableString.Invariant($"{broker}_rtt_p50_ms: {results[$"{broker}_rtt_p50_ms"]} ms"));
    Console.WriteLine(FormattableString.Invariant($"{broker}_rtt_p99_ms: {results[$"{broker}_rtt_p99_ms"]} ms"));
}

static async Task<bool> DeclareRabbitQueueAsync(Uri address, string queue)
{
    try
    {
        await using var connection = await new ConnectionFactory { Uri = address }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        return true;
    }
    catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
    {
        return false;
    }
}

static async Task DeleteRabbitQueueAsync(Uri address, string queue)
{
    await using var connection = await new ConnectionFactory { Uri = address }.CreateConnectionAsync();
    await using var channel = await connection.CreateChannelAsync();
    await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
}

static void Write(SortedDictionary<string, double> results, string root)
{
    var directory = Path.Combine(root, "bench", "results");
    Directory.CreateDirectory(directory);
    var document = new Dictionary<string, object>
    {
        ["benchmark"] = "messaging",
        ["measuredAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["messages"] = Messages,
        ["roundTrips"] = RoundTrips,
        ["metrics"] = results,
    };
    File.WriteAllText(Path.Combine(directory, "messaging.json"), JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n");
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
