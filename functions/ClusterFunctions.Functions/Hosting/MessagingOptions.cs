namespace ClusterFunctions.Functions.Hosting;

/// <summary>Service Bus entities the app sends to (the "ServiceBus" section); the requests queue is named by its trigger.</summary>
public sealed class MessagingOptions
{
    public string EventsTopic { get; set; } = "cluster-events";
}
