using System.Diagnostics;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Functions.Telemetry;
using ClusterFunctions.Worker.Extensions.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Queue trigger on <c>cluster-requests</c> (create, delete, approve or deny by subject). Invalid messages are
/// dead-lettered at once with their field errors; requests refused for good (name taken, forbidden) too, with the
/// reason; valid ones go through the same scheduler as HTTP, so a redelivered or duplicated message finds its build
/// instead of starting a second one. A request over quota is put back as a scheduled copy (see <see cref="OverQuotaRequeue"/>).
/// </summary>
public sealed class ClusterRequestsQueueTrigger(
    ClusterBuildScheduler scheduler,
    BuildApprovals approvals,
    ClusterCommandDecoder decoder,
    ServiceBusMessageActions actions,
    OverQuotaRequeue requeue,
    ILogger<ClusterRequestsQueueTrigger> logger)
{
    [Function(nameof(ClusterRequestsQueueTrigger))]
    public async Task RunAsync(
        [ServiceBusTrigger(ServiceBusClients.RequestsQueue, Connection = ServiceBusClients.ConnectionName)] ServiceBusReceivedMessage message,
        [DurableClient] DurableTaskClient durableClient,
        FunctionContext context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        // The sender's W3C trace context (as Service Bus SDKs set it) makes the build part of the sender's trace.
        var parent = message.ApplicationProperties.TryGetValue("traceparent", out var tp) ? tp as string
            : message.ApplicationProperties.TryGetValue("Diagnostic-Id", out var id) ? id as string : null;
        using var span = ClusterTelemetry.Source.StartActivity("cluster-requests process", ActivityKind.Consumer, parent);
        span?.SetTag("messaging.message.id", message.MessageId);

        var decoded = decoder.Decode(message.Subject, message.ContentType, message.Body.ToMemory());
        if (!decoded.IsValid)
        {
            await RefuseAsync(message, decoded.Reason, string.Join("; ", decoded.Errors), cancellationToken);
            return;
        }

        var command = decoded.Value!;
        var caller = Caller.From(message.ApplicationProperties);
        if (command.Kind is ClusterCommandKind.Approve or ClusterCommandKind.Deny)
        {
            var (outcome, text) = await approvals.DecideAsync(command.ClusterName, command.Kind == ClusterCommandKind.Approve, command.Comment, caller, cancellationToken);
            logger.LogInformation("Queue message {MessageId} for cluster {ClusterName}: {Outcome}", message.MessageId, command.ClusterName, outcome);
            if (outcome != ApprovalOutcome.Accepted)
            {
                await RefuseAsync(message, outcome.ToString(), text, cancellationToken);
            }

            return;
        }

        var result = command.Kind == ClusterCommandKind.Delete
            ? await scheduler.DeleteAsync(command.ClusterName, caller, cancellationToken)
            : await scheduler.CreateAsync(command.Request!, caller, cancellationToken);
        logger.LogInformation("Queue message {MessageId} for cluster {ClusterName}: {Outcome}", message.MessageId, command.ClusterName, result.Outcome);
        if (result.Outcome is ScheduleOutcome.OverQuota)
        {
            // Not refused, only not now: a copy comes back when quota may have freed, and this one completes.
            if (await requeue.TryRequeueAsync(message, cancellationToken) is { } due)
            {
                logger.LogInformation("Queue message {MessageId} for cluster {ClusterName} is over quota; it comes back at {Due:O}", message.MessageId, command.ClusterName, due);
                return;
            }

            await RefuseAsync(message, result.Outcome.ToString(), $"{result.Message}; the request waited the longest a queued request may (Limits:QueuedRequestMaxWait)", cancellationToken);
            return;
        }

        if (result.Outcome is ScheduleOutcome.NameTaken or ScheduleOutcome.RequestIdTaken or ScheduleOutcome.NotFound or ScheduleOutcome.Invalid or ScheduleOutcome.Forbidden)
        {
            // Refused for good: retrying cannot help, so it is dead-lettered at once with the reason.
            await RefuseAsync(message, result.Outcome.ToString(), result.Message ?? string.Join("; ", result.Problems), cancellationToken);
        }
    }

    private async Task RefuseAsync(ServiceBusReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        logger.LogWarning("Queue message {MessageId} dead-lettered: {Reason}: {Description}", message.MessageId, reason, description);
        await actions.DeadLetterMessageAsync(message, deadLetterReason: reason, deadLetterErrorDescription: description, cancellationToken: cancellationToken);
    }
}
