using ClusterFunctions.Messaging.Amqp;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Messaging.Listener;

/// <summary>Keeps a message's peek-lock alive while its handler runs, renewing halfway through each lock period.</summary>
internal static class LockRenewal
{
    /// <summary>Renews until cancelled (the handler finished), the renewal budget is spent, or the lock is lost. Never throws.</summary>
    public static async Task RunAsync(
        AmqpMessageReceiver receiver,
        ReceivedMessage message,
        TimeSpan budget,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var stopAt = timeProvider.GetUtcNow() + budget;
        try
        {
            while (message.LockedUntil is { } lockedUntil)
            {
                var now = timeProvider.GetUtcNow();
                var wait = (lockedUntil - now) / 2;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, timeProvider, cancellationToken).ConfigureAwait(false);
                if (timeProvider.GetUtcNow() >= stopAt)
                {
                    return;
                }

                await receiver.RenewLockAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The handler finished.
        }
        catch (Exception exception)
        {
            // Renewal is best effort: if it fails, the lock expires and the broker redelivers.
            logger.LogWarning(exception, "Stopped renewing the lock of message {MessageId}", message.MessageId);
        }
    }
}
