using Amqp;
using Amqp.Framing;
using AmqpMessage = Amqp.Message;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Sends to one queue or topic, reattaching and retrying with backoff when the connection breaks.</summary>
public sealed class AmqpMessageSender : IAsyncDisposable
{
    readonly AmqpConnectionManager manager;
    readonly SemaphoreSlim gate = new(1, 1);
    Session? session;
    SenderLink? link;
    ManagementClient? management;

    internal AmqpMessageSender(AmqpConnectionManager manager, string entityPath)
    {
        this.manager = manager;
        EntityPath = entityPath;
    }

    /// <summary>The queue or topic this sender writes to.</summary>
    public string EntityPath { get; }

    /// <summary>Sends and waits for the broker to accept the message.</summary>
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var options = manager.Options;
        if (message.ScheduledEnqueueTime is not null && options.Dialect != BrokerDialect.ServiceBus)
        {
            throw new NotSupportedException("ScheduledEnqueueTime: generic AMQP brokers ignore scheduling, so it is refused");
        }

        for (var attempt = 0; ; attempt++)
        {
            SenderLink? current = null;
            try
            {
                current = await GetLinkAsync(cancellationToken).ConfigureAwait(false);
                await current.SendAsync(AmqpMessages.ToAmqp(message)).WaitAsync(options.OperationTimeout, cancellationToken).ConfigureAwait(false);
                await Task.Yield();
                return;
            }
            catch (AmqpException exception) when (!TransientErrors.IsTransient(exception))
            {
                throw new MessagingException(exception.Error.Condition.ToString(), $"{EntityPath}: {exception.Error.Description}", exception);
            }
            catch (Exception exception) when (TransientErrors.IsTransient(exception) && attempt + 1 < options.MaxSendAttempts && !cancellationToken.IsCancellationRequested)
            {
                await ResetAsync(current).ConfigureAwait(false);
                await Backoff.WaitAsync(attempt, options, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Schedules a message through <c>$management</c> (Service Bus only); returns the sequence number to cancel it by.</summary>
    public async Task<long> ScheduleAsync(OutgoingMessage message, DateTimeOffset enqueueAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (client, linkName) = await ManagementAsync(cancellationToken).ConfigureAwait(false);
        var amqp = AmqpMessages.ToAmqp(message);
        amqp.MessageAnnotations ??= new MessageAnnotations();
        amqp.MessageAnnotations[AmqpMessages.ScheduledEnqueueTime] = enqueueAt.UtcDateTime;
        return await client.ScheduleAsync(amqp, linkName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a message scheduled with <see cref="ScheduleAsync"/> (Service Bus only).</summary>
    public async Task CancelScheduledAsync(long sequenceNumber, CancellationToken cancellationToken = default)
    {
        var (client, linkName) = await ManagementAsync(cancellationToken).ConfigureAwait(false);
        await client.CancelScheduledAsync(sequenceNumber, linkName, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await ResetAsync(link).ConfigureAwait(false);

    async Task<(ManagementClient Client, string LinkName)> ManagementAsync(CancellationToken cancellationToken)
    {
        if (manager.Options.Dialect != BrokerDialect.ServiceBus)
        {
            throw new NotSupportedException("ScheduleAsync: generic AMQP brokers cannot schedule messages");
        }

        var current = await GetLinkAsync(cancellationToken).ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            management ??= new ManagementClient(session!, manager.Options.ResolveAddress(EntityPath), manager.Options.OperationTimeout);
            return (management, current.Name);
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<SenderLink> GetLinkAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (link is { IsClosed: false })
            {
                return link;
            }

            session = await manager.OpenSessionAsync(EntityPath, manager.Options.MaxSendAttempts, cancellationToken).ConfigureAwait(false);
            var address = manager.Options.ResolveAddress(EntityPath);
            var attached = new TaskCompletionSource<Attach>(TaskCreationOptions.RunContinuationsAsynchronously);
            link = new SenderLink(session, "sender-" + Guid.NewGuid().ToString("N"), new Target { Address = address }, (_, attach) => attached.TrySetResult(attach));
            await AmqpLinks.WaitAttachedAsync(link, attached.Task, address, manager.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            return link;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task ResetAsync(SenderLink? broken)
    {
        Session? toClose;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (broken is not null && !ReferenceEquals(broken, link))
            {
                return;
            }

            toClose = session;
            link = null;
            session = null;
            management = null;
        }
        finally
        {
            gate.Release();
        }

        await AmqpLinks.CloseSessionAsync(toClose, manager).ConfigureAwait(false);
    }
}
