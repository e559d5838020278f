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
/// Queue trigger on <c>cluster-requests</c>. Invalid messages are dead-lettered at once with their
/// field errors; valid ones go through the same scheduler as HTTP, so a redelivered or duplicated
/// message finds its build instead of starting a second one.
/// </summary>
public sealed class ClusterRequestsQueueTrigger(
    AmqpMessagingClient client,
    ClusterBuildScheduler scheduler,
    CatalogSource catalog,
    IOptions<MessagingOptions> options,
    ILogger<ClusterRequestsQueueTrigger> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var listener = new QueueListener<ClusterCommand>(
            client,
            settings.RequestsQueue,
            Decode,
            HandleAsync,
            new QueueListenerOptions { MaxConcurrentCalls = settings.MaxConcurrentCalls, PrefetchCount = settings.PrefetchCount },
            logger);
        return listener.RunAsync(stoppingToken);
    }

    // A delete names the cluster only; a create is checked against the catalog as HTTP checks it.
    private ValidationResult<ClusterCommand> Decode(ReceivedMessage message)
    {
        var delete = string.Equals(message.Subject, "delete", StringComparison.OrdinalIgnoreCase);
        if (delete)
        {
            var (request, problems) = ClusterRequestParser.Parse(message.Body.Span);
            return request is null
                ? ValidationResult<ClusterCommand>.Invalid(problems.Select(p => p.ToString()))
                : ValidationResult<ClusterCommand>.Valid(new ClusterCommand(true, request));
        }

        var decoded = ClusterRequestDecoder.Create(catalog.Load().Catalog)(message);
        return decoded.IsValid
            ? ValidationResult<ClusterCommand>.Valid(new ClusterCommand(false, decoded.Value!))
            : ValidationResult<ClusterCommand>.Invalid(decoded.Errors);
    }

    private async Task HandleAsync(ClusterCommand command, ReceivedMessage message, CancellationToken cancellationToken)
    {
        // The sender's W3C trace context (as Service Bus SDKs set it) makes the build part of the sender's trace.
        var parent = message.ApplicationProperties.TryGetValue("traceparent", out var tp) ? tp as string
            : message.ApplicationProperties.TryGetValue("Diagnostic-Id", out var id) ? id as string : null;
        using var span = ClusterTelemetry.Source.StartActivity("cluster-requests process", ActivityKind.Consumer, parent);
        span?.SetTag("messaging.message.id", message.MessageId);
        var result = command.Delete
            ? await scheduler.DeleteAsync(command.Request.ClusterName, cancellationToken)
            : await scheduler.CreateAsync(command.Request, Caller.From(message.ApplicationProperties), cancellationToken);
        logger.LogInformation("Queue message {MessageId} for cluster {ClusterName}: {Outcome}", message.MessageId, command.Request.ClusterName, result.Outcome);
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
