using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using System.Diagnostics;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Publishes a completion event to every subscriber (Service Bus topic, and Event Grid when configured).</summary>
public sealed class PublishClusterEventActivity(IEventPublisher publisher, FinishedStatusWait finishedStatus, TraceParents traceParents) : TracedActivity<PublishClusterEventRequest, string>(traceParents)
{
    [Function(nameof(PublishClusterEventActivity))]
    public Task<string> RunAsync([ActivityTrigger] PublishClusterEventRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(PublishClusterEventActivity), input, context);

    protected override async Task<string> ExecuteAsync(PublishClusterEventRequest input, CancellationToken cancellationToken)
    {
        if (input.FinishedInstanceId is { } instanceId)
        {
            await finishedStatus.WaitAsync(instanceId, input.Data.RequestId, cancellationToken);
        }

        await publisher.PublishAsync(input.EventType, input.Data, cancellationToken);
        Record(input);
        return input.EventType;
    }

    protected override void Describe(Activity? span, PublishClusterEventRequest input)
    {
        span?.SetTag("cloudevents.event_type", input.EventType);
        span?.SetTag("cloudevents.event_subject", input.Data.ClusterName);
    }

    // Counted where the outcome is announced, so each build is counted once per announcement.
    private static void Record(PublishClusterEventRequest input)
    {
        var profile = new KeyValuePair<string, object?>("profile", input.Data.Profile);
        if (input.EventType == ClusterEventTypes.Ready)
        {
            ClusterTelemetry.BuildsSucceeded.Add(1, profile);
        }
        else if (input.EventType == ClusterEventTypes.Failed)
        {
            ClusterTelemetry.BuildsFailed.Add(1, profile);
        }

        foreach (var step in input.Data.Steps.Where(s => s.StartedAt is not null && s.CompletedAt is not null))
        {
            ClusterTelemetry.StepDuration.Record((step.CompletedAt!.Value - step.StartedAt!.Value).TotalSeconds, new KeyValuePair<string, object?>("step", step.Name), profile);
        }
    }
}
