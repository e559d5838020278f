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
/// this process. Messages go one per interval, so the figure is the trigger's latency and not a backlog's.
/// </summary>
internal sealed class QueueTriggerLatency(AppOnLocalCloud app)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>The latencies in milliseconds, ascending.</summary>
    public async Task<double[]> RunAsync(int count, TimeSpan interval)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        await using var client = new ServiceBusClient(app.ServiceBusConnectionString);
        await using var sender = client.CreateSender("cluster-requests");

        // Warm-up: the first message pays for the links, the trigger's first invocation and JIT in the worker.
        for (var i = 0; i < 3; i++)
        {
            var name = $"warm-{run}-{i}";
            await sender.SendMessageAsync(Message(name));
            await CreatedAtAsync(name);
        }

        var sent = new (string Name, DateTimeOffset At)[count];
        using var pace = new PeriodicTimer(interval);
        for (var i = 0; i < count; i++)
        {
            await pace.WaitForNextTickAsync();
            var name = $"q-{run}-{i}";
            sent[i] = (name, DateTimeOffset.UtcNow);
            await sender.SendMessageAsync(Message(name));
        }

        // Read after the fact: the engine stamped each start when it happened, so waiting here does not move it.
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            latencies[i] = (await CreatedAtAsync(sent[i].Name) - sent[i].At).TotalMilliseconds;
        }

        Array.Sort(latencies);
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
