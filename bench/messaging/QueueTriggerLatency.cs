using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>
/// From a create request sent to <c>cluster-requests</c> to the start of its build: the orchestration's created time
/// (stamped by the Durable engine when the queue trigger schedules it, read afterwards from the app's status route)
/// minus the time just before SendMessageAsync. Both are this machine's clock; the engine runs in the local host, in
/// this process. Messages go one per interval, slow enough that the trigger keeps up, so the figure is its latency and
/// not a backlog's; <see cref="Backlogged"/> tells when it did not keep up.
/// </summary>
internal sealed class QueueTriggerLatency(AppOnLocalCloud app)
{
    private const int WarmUp = 20;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The latencies in milliseconds, in the order the messages were sent.</summary>
    public async Task<double[]> RunAsync(int count, TimeSpan interval)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        await using var client = new ServiceBusClient(app.ServiceBusConnectionString);
        await using var sender = client.CreateSender("cluster-requests");

        // Warm-up at the same pace, not measured: links, the trigger's first invocations, tiered JIT in host and worker.
        await LatenciesAsync(await SendPacedAsync(sender, $"warm-{run}", WarmUp, interval));
        return await LatenciesAsync(await SendPacedAsync(sender, $"q-{run}", count, interval));
    }

    /// <summary>Whether the last fifth of the messages waited more than twice as long as the first fifth: a backlog.</summary>
    public static bool Backlogged(double[] inSendOrder)
    {
        var fifth = Math.Max(1, inSendOrder.Length / 5);
        var first = inSendOrder[..fifth].Order().ToArray();
        var last = inSendOrder[^fifth..].Order().ToArray();
        return BenchResults.Percentile(last, 50) > 2 * BenchResults.Percentile(first, 50);
    }

    private static async Task<(string Name, DateTimeOffset At)[]> SendPacedAsync(ServiceBusSender sender, string prefix, int count, TimeSpan interval)
    {
        var sent = new (string Name, DateTimeOffset At)[count];
        using var pace = new PeriodicTimer(interval);
        for (var i = 0; i < count; i++)
        {
            await pace.WaitForNextTickAsync();
            sent[i] = ($"{prefix}-{i}", DateTimeOffset.UtcNow);
            await sender.SendMessageAsync(Message(sent[i].Name));
        }

        return sent;
    }

    /// <summary>Read after the fact: the engine stamped each start when it happened, so waiting here does not move it.</summary>
    private async Task<double[]> LatenciesAsync((string Name, DateTimeOffset At)[] sent)
    {
        var latencies = new double[sent.Length];
        for (var i = 0; i < sent.Length; i++)
        {
            latencies[i] = (await CreatedAtAsync(sent[i].Name) - sent[i].At).TotalMilliseconds;
        }

        return latencies;
    }

    /// <summary>A create request for a developer cluster, as a client of the queue sends it.</summary>
    private static ServiceBusMessage Message(string clusterName) =>
        new(BinaryData.FromObjectAsJson(new ClusterRequest($"req-{clusterName}", clusterName, "developer"), Web))
        {
            MessageId = clusterName,
            ContentType = "application/json",
            ApplicationProperties = { ["requestedBy"] = "bench", ["roles"] = "developer" },
        };

    /// <summary>The build's created time from <c>GET /api/clusters/{name}</c>, once the trigger has scheduled it.</summary>
    private async Task<DateTimeOffset> CreatedAtAsync(string clusterName)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await app.Http.GetAsync($"api/clusters/{clusterName}", timeout.Token);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                response.EnsureSuccessStatusCode();
                var status = await response.Content.ReadFromJsonAsync<JsonElement>(Web, timeout.Token);
                return status.GetProperty("createdAt").GetDateTimeOffset();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }
}
