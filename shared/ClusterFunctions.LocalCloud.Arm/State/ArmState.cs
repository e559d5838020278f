namespace ClusterFunctions.LocalCloud.Arm.State;

/// <summary>Everything the emulator holds, keyed by lower-cased ids (ARM ids are case-insensitive).</summary>
internal sealed class ArmState
{
    public Dictionary<string, ResourceGroupRecord> ResourceGroups { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedCluster> Clusters { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EmulatedOperation> Operations { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Serialises request handling: the emulator favours simple, ordered state over throughput.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The last requests as "METHOD path?query" (never headers or bodies, which may carry secrets).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> RequestLog { get; } = new();

    public void Record(string line)
    {
        RequestLog.Enqueue(line);
        while (RequestLog.Count > 1000 && RequestLog.TryDequeue(out _))
        {
        }
    }

    public static string GroupKey(string subscriptionId, string resourceGroup) =>
        $"/subscriptions/{subscriptionId}/resourcegroups/{resourceGroup}";

    public static string ClusterId(string subscriptionId, string resourceGroup, string name) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerService/managedClusters/{name}";
}
