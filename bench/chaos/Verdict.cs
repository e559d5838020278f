using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;
using ClusterFunctions.LocalCloud;

namespace ClusterFunctions.Bench.Chaos;

/// <summary>
/// What must hold after the storm, each counted from a source of its own: the subscriber's events, the task hub's
/// Instances table, the requests queue's dead-letter queue and LocalCloud's clusters on disk.
/// </summary>
internal sealed record Verdict(
    int Requests, int Ready, int FailedWithStep, int FailedWithoutStep, int StillRunning, int Lost, int DeadLettered,
    int NotExactlyOneOutcome, int Deliveries, int DistinctEvents, int DuplicateClusters, int UnexpectedClusters, IReadOnlyList<string> Problems)
{
    public bool Holds => FailedWithoutStep == 0 && StillRunning == 0 && Lost == 0 && NotExactlyOneOutcome == 0 &&
        DuplicateClusters == 0 && UnexpectedClusters == 0;

    public static async Task<Verdict> ReachAsync(IReadOnlyList<string> names, EventLedger events, string storage, LocalCloudHost cloud, string cloudData,
        DateTimeOffset started)
    {
        Dictionary<string, string> runtime = await RuntimeStatusesAsync(storage);
        HashSet<string> deadLettered = await DeadLetteredAsync(cloud);
        var problems = new List<string>();
        int ready = 0, failedWithStep = 0, failedWithoutStep = 0, running = 0, lost = 0, notOne = 0, deliveries = 0, distinct = 0;
        foreach (string name in names)
        {
            var completions = events.For(name);
            deliveries += completions.Count;
            var outcomes = completions.DistinctBy(c => c.EventId).ToList();
            distinct += outcomes.Count;
            string? status = runtime.GetValueOrDefault("cluster-" + name);
            if (status is "Running" or "Pending")
            {
                running++;
                problems.Add($"{name}: still {status}");
            }

            if (outcomes.Count != 1)
            {
                if (outcomes.Count == 0 && status is null && deadLettered.Contains(name))
                {
                    continue; // Refused with a reason on the dead-letter queue: accounted for.
                }

                notOne++;
                problems.Add($"{name}: {outcomes.Count} distinct completion events ({string.Join(", ", outcomes.Select(o => o.Type))}), orchestration {status ?? "absent"}");
                if (outcomes.Count == 0 && status is null)
                {
                    lost++;
                }

                continue;
            }

            var outcome = outcomes[0];
            if (outcome.Type == ClusterEventTypes.Ready)
            {
                ready++;
            }
            else if (!string.IsNullOrEmpty(outcome.FailedStep))
            {
                failedWithStep++;
                string at = outcome.FailedAt is { } failedAt ? $" at {(failedAt - started).TotalSeconds:0.0} s" : "";
                problems.Add($"{name}: failed in {outcome.FailedStep}{at}: {outcome.Cause}");
            }
            else
            {
                failedWithoutStep++;
                problems.Add($"{name}: failed without naming a step: {outcome.Cause}");
            }
        }

        var (duplicates, unexpected) = CountClusters(names, cloudData);
        return new Verdict(names.Count, ready, failedWithStep, failedWithoutStep, running, lost, deadLettered.Count, notOne,
            deliveries, distinct, duplicates, unexpected, problems);
    }

    /// <summary>The Durable runtime status of every instance in the hub, by instance id.</summary>
    /// <summary>How many of the builds' orchestrations still run: a build announces Ready, then starts its cluster's
    /// expiry and reconcile loops before its orchestration completes.</summary>
    public static async Task<int> StillRunningAsync(IReadOnlyList<string> names, string storage)
    {
        var runtime = await RuntimeStatusesAsync(storage);
        return names.Count(name => runtime.GetValueOrDefault("cluster-" + name) is "Running" or "Pending");
    }

    private static async Task<Dictionary<string, string>> RuntimeStatusesAsync(string storage)
    {
        var table = new TableClient(storage, ChaosWorld.TaskHub + "Instances");
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (TableEntity row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RuntimeStatus", "Output"]))
        {
            string status = row.GetString("RuntimeStatus") ?? "";
            // A build that ended without publishing says why in its output (an orchestrator exception, a termination).
            statuses[row.PartitionKey] = status is "Failed" or "Terminated" && row.GetString("Output") is { Length: > 0 } output
                ? $"{status}: {output[..Math.Min(300, output.Length)]}"
                : status;
        }

        return statuses;
    }

    /// <summary>Cluster names of requests on the dead-letter queue (refused with a reason, not lost).</summary>
    private static async Task<HashSet<string>> DeadLetteredAsync(LocalCloudHost cloud)
    {
        await using var client = new ServiceBusClient(cloud.ServiceBus.ConnectionString);
        await using ServiceBusReceiver receiver = client.CreateReceiver(LocalCloudHost.RequestsQueue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var batch = await receiver.PeekMessagesAsync(100);
            if (batch.Count == 0)
            {
                return names;
            }

            foreach (ServiceBusReceivedMessage message in batch)
            {
                names.Add(message.MessageId);
            }
        }
    }

    /// <summary>Managed clusters LocalCloud keeps on disk (one folder of Kubernetes objects each, named NAME-HASH):
    /// names requested more than once, and names no request asked for.</summary>
    private static (int Duplicates, int Unexpected) CountClusters(IReadOnlyList<string> names, string cloudData)
    {
        string root = Path.Combine(cloudData, "kubernetes");
        var clusters = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.GetFileName(d)[..Path.GetFileName(d).LastIndexOf('-')]).ToList()
            : [];
        var requested = names.ToHashSet(StringComparer.Ordinal);
        return (clusters.GroupBy(c => c).Count(g => g.Count() > 1), clusters.Count(c => !requested.Contains(c)));
    }
}
