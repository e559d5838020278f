using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Azurite;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.LocalCloud;

namespace ClusterFunctions.Bench.Scale;

/// <summary>
/// One measurement: <c>n</c> instances on a fresh Azurite and task hub, leases balanced, warmed up; then a burst of
/// create requests on the shared <c>cluster-requests</c> queue, timed from the first send to the last ready event.
/// </summary>
internal static class ScaleRound
{
    public sealed record Result(int Instances, int Builds, double Seconds, string[] PartitionOwners, double[] InstanceCpuSeconds,
        CpuSample Cpu)
    {
        public double ClustersPerSecond => Builds / Seconds;
    }

    public static async Task<Result> RunAsync(LocalCloudHost cloud, CompletionEvents events, int instances, int builds,
        IReadOnlyDictionary<string, string> appSettings, string stateDirectory)
    {
        string round = $"n{instances}-{Guid.NewGuid().ToString("N")[..6]}";
        string hub = "Scale" + round.Replace("-", "", StringComparison.Ordinal);
        await using AzuriteServer azurite = await AzuriteServer.StartAsync(dataDirectory: null);
        var settings = new Dictionary<string, string>(appSettings) { ["TASKHUB_NAME"] = hub };
        AppInstance[] apps = await Task.WhenAll(Enumerable.Range(1, instances).Select(i =>
            AppInstance.StartAsync(i, azurite.ConnectionString, Path.Combine(stateDirectory, round, $"instance-{i}"), settings, CancellationToken.None)));
        try
        {
            string[] owners = await BalancedOwnersAsync(azurite.ConnectionString, hub, instances);
            // Every worker runs the pipeline once before the clock starts (JIT, connections, the catalog read).
            await BuildAllAsync(cloud, events, Enumerable.Range(0, 2 * instances).Select(i => $"warm-{round}-{i}").ToArray());

            double[] cpuBefore = apps.Select(a => a.CpuSeconds()).ToArray();
            CpuSample before = CpuSample.Take(apps, azurite.ProcessId);
            var started = Stopwatch.GetTimestamp();
            long last = await BuildAllAsync(cloud, events, Enumerable.Range(0, builds).Select(i => $"scale-{round}-{i}").ToArray());
            double seconds = Stopwatch.GetElapsedTime(started, last).TotalSeconds;
            CpuSample used = CpuSample.Take(apps, azurite.ProcessId) - before;
            double[] cpu = apps.Select((a, i) => a.CpuSeconds() - cpuBefore[i]).ToArray();
            return new Result(instances, builds, seconds, owners, cpu, used);
        }
        finally
        {
            await Task.WhenAll(apps.Select(a => a.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Sends one create request per name on the queue and returns the arrival time of the last ready event.</summary>
    internal static async Task<long> BuildAllAsync(LocalCloudHost cloud, CompletionEvents events, string[] names)
    {
        await using var client = new ServiceBusClient(cloud.ServiceBus.ConnectionString);
        await using ServiceBusSender sender = client.CreateSender(LocalCloudHost.RequestsQueue);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var messages = names.Select(name => new ServiceBusMessage(JsonSerializer.Serialize(new ClusterRequest(name, name, "developer"), web))
        {
            MessageId = name,
            ContentType = "application/json",
            ApplicationProperties = { ["requestedBy"] = "bench-scale", ["roles"] = "platform" },
        }).ToList();
        foreach (ServiceBusMessage[] batch in messages.Chunk(50))
        {
            await sender.SendMessagesAsync(batch);
        }

        var completions = await Task.WhenAll(names.Select(name => events.ForAsync(name).WaitAsync(TimeSpan.FromMinutes(10))));
        int failed = completions.Count(c => c.Type != ClusterEventTypes.Ready);
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {names.Length} builds did not become ready");
        }

        return completions.Max(c => c.Ticks);
    }

    /// <summary>Waits until the task hub's partitions are spread over as many workers as can hold them (the provider
    /// balances leases every 10 s), and returns the owners.</summary>
    private static async Task<string[]> BalancedOwnersAsync(string storage, string hub, int instances)
    {
        var table = new TableClient(storage, hub + "Partitions");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var rows = new List<TableEntity>();
            try
            {
                await foreach (TableEntity row in table.QueryAsync<TableEntity>())
                {
                    rows.Add(row);
                }
            }
            catch (global::Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The first instance has not created the table yet.
            }

            string[] owners = rows.Select(r => r.GetString("CurrentOwner")).Where(o => !string.IsNullOrEmpty(o)).Distinct().Order().ToArray()!;
            bool allOwned = rows.Count > 0 && rows.All(r => !string.IsNullOrEmpty(r.GetString("CurrentOwner")));
            if (allOwned && owners.Length == Math.Min(instances, rows.Count))
            {
                return owners;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"partitions of {hub} not balanced over {instances} instances after 2 min: owners {string.Join(", ", owners)}");
            }

            await Task.Delay(500);
        }
    }
}
