using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Publishes a completion event to every subscriber (Service Bus topic, and Event Grid when configured).</summary>
public sealed class PublishClusterEventActivity(IEventPublisher publisher) : TaskActivity<PublishClusterEventRequest, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, PublishClusterEventRequest input)
    {
        await publisher.PublishAsync(input.EventType, input.Data, context.CancellationToken);
        return input.EventType;
    }
}
