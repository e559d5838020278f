using ClusterFunctions.Messaging.Amqp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Messaging.Listener;

/// <summary>
/// The queue trigger's transport: receives under peek-lock, decodes and validates, hands valid
/// messages to the handler with a concurrency limit, and settles by outcome. Malformed or invalid
/// messages are dead-lettered at once with the errors as the reason; handler failures are retried
/// until the delivery limit, then dead-lettered; a message id handled inside the duplicate window is
/// not handed over again. Nothing a message contains can stop the loop.
/// </summary>
public sealed class QueueListener<T>
{
    readonly AmqpMessageReceiver receiver;
    readonly Func<ReceivedMessage, ValidationResult<T>> decoder;
    readonly Func<T, ReceivedMessage, CancellationToken, Task> handler;
    readonly QueueListenerOptions options;
    readonly ILogger logger;
    readonly DuplicateWindow duplicates;
    readonly bool serviceBus;

    /// <summary>Creates a listener on a receiver (create it with <see cref="ReceiverOptions.PrefetchCount"/> = options.PrefetchCount).</summary>
    public QueueListener(
        AmqpMessagingClient client,
        string entityPath,
        Func<ReceivedMessage, ValidationResult<T>> decoder,
        Func<T, ReceivedMessage, CancellationToken, Task> handler,
        QueueListenerOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.decoder = decoder ?? throw new ArgumentNullException(nameof(decoder));
        this.handler = handler ?? throw new ArgumentNullException(nameof(handler));
        this.options = options ?? new QueueListenerOptions();
        this.logger = logger ?? NullLogger.Instance;
        receiver = client.CreateReceiver(entityPath, new ReceiverOptions { PrefetchCount = this.options.PrefetchCount });
        duplicates = new DuplicateWindow(this.options.DuplicateDetectionWindow, this.options.TimeProvider);
        serviceBus = client.Dialect == BrokerDialect.ServiceBus;
    }

    /// <summary>Runs until cancelled; then waits for the handlers in flight and closes the receiver.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var slots = new SemaphoreSlim(options.MaxConcurrentCalls);
        var running = new HashSet<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                ReceivedMessage? message;
                try
                {
                    message = await receiver.ReceiveAsync(options.ReceiveWait, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // Not transient (refused, not found, unauthorised): say so and keep trying, because a
                    // broker being reconfigured or restarted must not stop the consumer for good.
                    slots.Release();
                    logger.LogError(exception, "Receiving from {Entity} failed; retrying", receiver.EntityPath);
                    await Task.Delay(options.ReceiveWait, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                if (message is null)
                {
                    slots.Release();
                    continue;
                }

                var task = ProcessAndReleaseAsync(message, slots, cancellationToken);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(done => { lock (running) { running.Remove(done); } }, TaskScheduler.Default);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown; an error racing with it (the broker closing too) is not worth reporting.
        }
        finally
        {
            Task[] pending;
            lock (running)
            {
                pending = [.. running];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
            await receiver.DisposeAsync().ConfigureAwait(false);
        }
    }

    async Task ProcessAndReleaseAsync(ReceivedMessage message, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MessageLockLostException or MessagingException or OperationCanceledException)
        {
            // The broker redelivers what could not be settled; the loop goes on.
            logger.LogWarning(exception, "Could not settle message {MessageId} from {Entity}", message.MessageId, receiver.EntityPath);
        }
        catch (Exception exception)
        {
            // Whatever one message does, the consumer keeps going; the lock expires and the broker redelivers.
            logger.LogError(exception, "Unexpected failure on message {MessageId} from {Entity}", message.MessageId, receiver.EntityPath);
        }
        finally
        {
            slots.Release();
        }
    }

    async Task ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (Refusal(message) is { } refusal)
        {
            await DeadLetterAsync(message, refusal.Reason, refusal.Description, cancellationToken).ConfigureAwait(false);
            return;
        }

        ValidationResult<T> decoded;
        try
        {
            decoded = decoder(message);
        }
        catch (Exception exception)
        {
            decoded = ValidationResult<T>.Invalid($"body: could not be decoded ({exception.GetType().Name}: {exception.Message})");
        }

        if (!decoded.IsValid)
        {
            await DeadLetterAsync(message, DeadLetterReasons.ValidationFailed, string.Join("; ", decoded.Errors), cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = message.MessageId;
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (id is not null && duplicates.TryClaim(id, outcome.Task) is { } earlier)
        {
            if (await earlier.ConfigureAwait(false))
            {
                logger.LogInformation("Message {MessageId} was already handled; completing the duplicate", id);
                await receiver.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }

            await ProcessAsync(message, cancellationToken).ConfigureAwait(false); // the earlier copy failed; this one gets its turn
            return;
        }

        var succeeded = false;
        try
        {
            succeeded = await HandleAsync(decoded.Value!, message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (id is not null)
            {
                duplicates.Finish(id, succeeded);
            }

            outcome.TrySetResult(succeeded);
        }
    }

    async Task<bool> HandleAsync(T value, ReceivedMessage message, CancellationToken cancellationToken)
    {
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = serviceBus && options.MaxAutoLockRenewalDuration > TimeSpan.Zero
            ? LockRenewal.RunAsync(receiver, message, options.MaxAutoLockRenewalDuration, options.TimeProvider, logger, renewal.Token)
            : Task.CompletedTask;
        try
        {
            await handler(value, message, cancellationToken).ConfigureAwait(false);
        }
        catch (MessageRejectedException rejected)
        {
            await StopAsync(renewal, renewing).ConfigureAwait(false);
            await DeadLetterAsync(message, rejected.Reason, rejected.Description, cancellationToken).ConfigureAwait(false);
            return true; // settled for good: a repeat of this id is a duplicate, not a retry
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(renewal, renewing).ConfigureAwait(false);
            if (serviceBus && message.DeliveryCount >= options.MaxDeliveryCount)
            {
                logger.LogError(exception, "Handler failed on delivery {DeliveryCount} of message {MessageId}; dead-lettering", message.DeliveryCount, message.MessageId);
                await DeadLetterAsync(message, DeadLetterReasons.HandlerFailed,
                    $"failed on delivery {message.DeliveryCount} of {options.MaxDeliveryCount}: {exception.GetType().Name}: {exception.Message}", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                logger.LogWarning(exception, "Handler failed on delivery {DeliveryCount} of message {MessageId}; abandoning for a retry", message.DeliveryCount, message.MessageId);
                await receiver.AbandonAsync(message, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        await StopAsync(renewal, renewing).ConfigureAwait(false);
        await receiver.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
        return true;
    }

    static async Task StopAsync(CancellationTokenSource renewal, Task renewing)
    {
        await renewal.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
    }

    (string Reason, string Description)? Refusal(ReceivedMessage message)
    {
        if (message.ContentType is { } contentType)
        {
            var mediaType = contentType.Split(';', 2)[0].Trim();
            if (!options.AcceptedContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            {
                return (DeadLetterReasons.UnsupportedContentType,
                    $"contentType: '{Shorten(contentType)}' is not accepted; expected {string.Join(" or ", options.AcceptedContentTypes)}");
            }
        }

        if (message.Body.Length > options.MaxBodyBytes)
        {
            return (DeadLetterReasons.BodyTooLarge, $"body: {message.Body.Length} bytes exceeds the limit of {options.MaxBodyBytes} bytes");
        }

        return null;
    }

    async Task DeadLetterAsync(ReceivedMessage message, string reason, string description, CancellationToken cancellationToken)
    {
        logger.LogWarning("Dead-lettering message {MessageId} from {Entity}: {Reason}: {Description}", message.MessageId, receiver.EntityPath, reason, description);
        await receiver.DeadLetterAsync(message, reason, description, cancellationToken).ConfigureAwait(false);
    }

    static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "...";
}
