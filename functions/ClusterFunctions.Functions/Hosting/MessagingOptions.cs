namespace ClusterFunctions.Functions.Hosting;

/// <summary>Service Bus entities and listener limits (entity names from the "ServiceBus" section).</summary>
public sealed class MessagingOptions
{
    public string RequestsQueue { get; set; } = "cluster-requests";

    public string EventsTopic { get; set; } = "cluster-events";

    public int PrefetchCount { get; set; } = 16;

    public int MaxConcurrentCalls { get; set; } = 8;
}
