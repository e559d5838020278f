using DurableTask.AzureStorage;
using DurableTask.Core;

namespace ClusterFunctions.Bench.Durable;

/// <summary>
/// Starts orchestrations straight into the task hub's queues from outside the host, as another instance of the app
/// (or any DTFx client) would. Such a start does not wake the host's queue pollers the way a start through the host's
/// own client does, so it shows what maxQueuePollingInterval costs an idle hub.
/// </summary>
public sealed class ExternalClient(string storageConnectionString, string hubName, int partitionCount)
{
    private readonly TaskHubClient _client = new(new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
        TaskHubName = hubName,
        PartitionCount = partitionCount,
    }));

    public async Task<string> StartAsync(string orchestrator, object input) =>
        (await _client.CreateOrchestrationInstanceAsync(orchestrator, version: "", input)).InstanceId;
}
