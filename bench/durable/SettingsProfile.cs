using System.Text.Json.Nodes;

namespace ClusterFunctions.Bench.Durable;

/// <summary>A set of <c>extensions.durableTask</c> settings the benchmark runs the same scenarios under.</summary>
public sealed record SettingsProfile(string Name, string Description, JsonObject DurableTask)
{
    /// <summary>What the extension does when host.json says nothing but the hub name.</summary>
    public static SettingsProfile Defaults { get; } = new("defaults", "extension defaults (partitionCount 4, maxQueuePollingInterval 30 s)",
        new JsonObject { ["hubName"] = "DurableBench" });

    /// <summary>
    /// What the app ships (host.json): queues polled at least every second (an idle hub otherwise backs off to 30 s
    /// before it notices a new build), two partitions for a one- or two-instance app, messages a dead instance took
    /// visible again after 1 minute instead of 5, enough concurrent functions for a cluster's fan-out, and extended
    /// sessions, so an orchestration's next turn neither reloads its history nor replays it in the worker. DTFx grants
    /// an extended session to at most half of the concurrent orchestrations, and an idle one holds it for its idle
    /// timeout: 64 leaves 32 for builds beside the expiry leases and reconcile loops that just started.
    /// </summary>
    public static SettingsProfile Shipped { get; } = new("shipped", "maxQueuePollingInterval 1 s, partitionCount 2, visibility 1 min, 32 activities / 64 orchestrators, extended sessions 30 s",
        new JsonObject
        {
            ["hubName"] = "DurableBench",
            ["storageProvider"] = new JsonObject
            {
                ["partitionCount"] = 2,
                ["maxQueuePollingInterval"] = "00:00:01",
                ["controlQueueVisibilityTimeout"] = "00:01:00",
                ["workItemQueueVisibilityTimeout"] = "00:01:00",
            },
            ["extendedSessionsEnabled"] = true,
            ["extendedSessionIdleTimeoutInSeconds"] = 30,
            ["maxConcurrentActivityFunctions"] = 32,
            ["maxConcurrentOrchestratorFunctions"] = 64,
        });

    /// <summary>The hub's partition count, which a client outside the host must use too.</summary>
    public int PartitionCount => DurableTask["storageProvider"]?["partitionCount"]?.GetValue<int>() ?? 4;

    /// <summary>Writes the app's host.json with this profile's settings.</summary>
    public void WriteHostJson(string appDirectory)
    {
        var hostJson = new JsonObject
        {
            ["version"] = "2.0",
            ["logging"] = new JsonObject { ["logLevel"] = new JsonObject { ["default"] = "Warning" } },
            ["extensions"] = new JsonObject { ["durableTask"] = DurableTask.DeepClone() },
        };
        File.WriteAllText(Path.Combine(appDirectory, "host.json"), hostJson.ToJsonString(new() { WriteIndented = true }));
    }
}
