using Azure.Messaging.ServiceBus;
using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Puts a queued request that is over quota back on <c>cluster-requests</c> as a scheduled copy, due after the
/// limits' retry delay, until it has waited <see cref="LimitsOptions.QueuedRequestMaxWait"/>. Abandoning it
/// instead would bring it back at once and spend its delivery count in seconds, dead-lettering a request that
/// only had to wait.
/// </summary>
public sealed class OverQuotaRequeue(ServiceBusClient client, IOptions<LimitsOptions> limits, TimeProvider time)
{
    /// <summary>When the request first reached the queue (Unix milliseconds), kept across copies.</summary>
    public const string QueuedAtProperty = "clusterfunctions-queued-at";

    /// <summary>How many times the request has been put back.</summary>
    public const string RequeuesProperty = "clusterfunctions-requeues";

    private readonly ServiceBusSender sender = client.CreateSender(ServiceBusClients.RequestsQueue);

    /// <summary>Schedules the copy and returns when it is due, or null when the request has waited long enough.</summary>
    public async Task<DateTimeOffset?> TryRequeueAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // A message without an enqueued time (a transport that does not pass it) starts its wait now, not in year 1.
        var queuedAt = Number(message, QueuedAtProperty) is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : message.EnqueuedTime == default ? now : message.EnqueuedTime;
        if (now - queuedAt >= limits.Value.QueuedRequestMaxWait)
        {
            return null;
        }

        var requeues = Number(message, RequeuesProperty) ?? 0;
        // A new message id: the same one would be dropped by the queue's duplicate detection. The build is still found
        // by its cluster name and requestId, so the copy cannot start a second one.
        var copy = new ServiceBusMessage(message) { MessageId = Guid.NewGuid().ToString("N") };
        copy.ApplicationProperties[QueuedAtProperty] = queuedAt.ToUnixTimeMilliseconds();
        copy.ApplicationProperties[RequeuesProperty] = requeues + 1;
        var due = now + limits.Value.RetryAfter;
        await sender.ScheduleMessageAsync(copy, due, cancellationToken).ConfigureAwait(false);
        return due;
    }

    /// <summary>A whole-number property, however the transport typed it (AMQP int or long, JSON number).</summary>
    private static long? Number(ServiceBusReceivedMessage message, string name) =>
        message.ApplicationProperties.TryGetValue(name, out var value) && value is int or long ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
