using System.Diagnostics;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Functions.Telemetry;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Queue trigger on <c>cluster-requests</c> (create, delete, approve or deny by subject). Invalid messages are dead-lettered at once with their
/// field errors; valid ones go through the same scheduler as HTTP, so a redelivered or duplicated
/// message finds its build instead of starting a second one.
/// </summary>
public sealed class ClusterRequestsQueueTrigger(
    AmqpMessagingClient client,
    ClusterBuildScheduler scheduler,
    BuildApprovals approvals,
    ClusterCommandDecoder decoder,
    IOptions<MessagingOptions> options,
    ILogger<ClusterRequestsQueueTrigger> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var listener = new QueueListener<ClusterCommand>(
            client,
            settings.RequestsQueue,
            decoder.Decode,
            HandleAsync,
            new QueueListenerOptions { MaxConcurrentCalls = settings.MaxConcurrentCalls, PrefetchCount = settings.PrefetchCount },
            logger);
        return listener.RunAsync(stoppingToken);
    }

    private async Task HandleAsync(ClusterCommand command, ReceivedMessage message, CancellationToken cancellationToken)
    {
        // The sender's W3C trace context (as Service Bus SDKs set it) makes the build part of the sender's trace.
        var parent = message.ApplicationProperties.TryGetValue("traceparent", out var tp) ? tp as string
            : message.ApplicationProperties.TryGetValue("Diagnostic-Id", out var id) ? id as string : null;
        using var span = ClusterTelemetry.Source.StartActivity("cluster-requests process", ActivityKind.Consumer, parent);
        span?.SetTag("messaging.message.id", message.MessageId);
        var caller = Caller.From(message.ApplicationProperties);
        if (command.Kind is ClusterCommandKind.Approve or ClusterCommandKind.Deny)
        {
            var (outcome, text) = await approvals.DecideAsync(command.ClusterName, command.Kind == ClusterCommandKind.Approve, command.Comment, caller, cancellationToken);
            logger.LogInformation("Queue message {MessageId} for cluster {ClusterName}: {Outcome}", message.MessageId, command.ClusterName, outcome);
            if (outcome != ApprovalOutcome.Accepted)
            {
                throw new MessageRejectedException(text, outcome.ToString());
            }

            return;
        }

        var result = command.Kind == ClusterCommandKind.Delete
            ? await scheduler.DeleteAsync(command.ClusterName, cancellationToken)
            : await scheduler.CreateAsync(command.Request!, caller, cancellationToken);
        logger.LogInformation("Queue message {MessageId} for cluster {ClusterName}: {Outcome}", message.MessageId, command.ClusterName, result.Outcome);
        if (result.Outcome is ScheduleOutcome.OverQuota)
        {
            // Not refused, only not now: failing the handler abandons the message, so it comes back later.
            throw new InvalidOperationException(result.Message);
        }

        if (result.Outcome is ScheduleOutcome.NameTaken or ScheduleOutcome.NotFound or ScheduleOutcome.Invalid or ScheduleOutcome.Forbidden)
        {
            // Refused for good: retrying cannot help, so it is dead-lettered at once with the reason.
            throw new MessageRejectedException(result.Message ?? string.Join("; ", result.Problems), result.Outcome.ToString());
        }
    }
}
