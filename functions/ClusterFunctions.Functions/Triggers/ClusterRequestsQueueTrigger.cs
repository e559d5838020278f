using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Hosting;
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

    private ValidationResult<ClusterCommand> Decode(ReceivedMessage message)
    {
        var (request, problems) = ClusterRequestParser.Parse(message.Body.Span);
        if (request is null)
        {
            return ValidationResult<ClusterCommand>.Invalid(problems.Select(p => p.ToString()));
        }

        var delete = string.Equals(message.Subject, "delete", StringComparison.OrdinalIgnoreCase);
        var loaded = catalog.Load();
        var errors = delete ? [] : ClusterRequestValidator.Validate(request, loaded.Catalog);
        return errors.Count > 0
            ? ValidationResult<ClusterCommand>.Invalid(errors.Select(p => p.ToString()))
            : ValidationResult<ClusterCommand>.Valid(new ClusterCommand(delete, request));
    }

    private async Task HandleAsync(ClusterCommand command, ReceivedMessage message, CancellationToken cancellationToken)
    {
        var result = command.Delete
            ? await scheduler.DeleteAsync(command.Request.ClusterName, cancellationToken)
            : await scheduler.CreateAsync(command.Request, cancellationToken);
        logger.LogInformation("Queue message {MessageId} for cluster {ClusterName}: {Outcome}", message.MessageId, command.Request.ClusterName, result.Outcome);
        if (result.Outcome is ScheduleOutcome.NameTaken or ScheduleOutcome.NotFound or ScheduleOutcome.Invalid)
        {
            // Refused for good; failing the handler lets the listener dead-letter it with this reason.
            throw new InvalidOperationException(result.Message ?? string.Join("; ", result.Problems));
        }
    }
}
