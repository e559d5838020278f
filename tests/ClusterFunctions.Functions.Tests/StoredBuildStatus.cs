using ClusterFunctions.Functions.Orchestrators;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace ClusterFunctions.Functions.Tests;

/// <summary>A create build of cluster "c1" as the task hub returns it: only its custom status matters to the readers under test.</summary>
internal static class StoredBuildStatus
{
    public const string InstanceId = "cluster-c1";

    public static OrchestrationMetadata Of(string requestId, bool finished) => new("CreateCompleteClusterOrchestrator", InstanceId)
    {
        DataConverter = JsonDataConverter.Default,
        SerializedCustomStatus = JsonDataConverter.Default.Serialize(
            new ClusterBuildStatus("create", "c1", requestId, "developer", "1", [], new Dictionary<string, string>(), null, finished)),
    };
}
