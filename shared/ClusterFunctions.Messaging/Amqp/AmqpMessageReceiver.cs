using Amqp;
using Amqp.Framing;
using Amqp.Types;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>
/// Peek-lock receiver for one queue, subscription or dead-letter queue. It reattaches with backoff
/// after the broker goes away; messages received on a replaced link can no longer be settled.
/// </summary>
public sealed class AmqpMessageReceiver : IAsyncDisposable
{
    static readonly Symbol DeadLetterCondition = "com.microsoft:dead-letter";

    readonly AmqpConnectionManager manager;
    readonly ReceiverOptions receiverOptions;
    readonly SemaphoreSlim gate = new(1, 1);
    Session? session;
    ReceiverLink? link;
    ManagementClient? management;
    int failures;
    int receivedSinceGrant;

    internal AmqpMessageReceiver(AmqpConnectionManager manager, string entityPath, ReceiverOptions receiverOptions)
    {
        this.manager = manager;
        this.receiverOptions = receiverOptions;
        EntityPath = entityPath;
    }

    /// <summary>The entity this receiver reads.</summary>
    public string EntityPath { get; }

    BrokerDialect Dialect => manager.Options.Dialect;

    /// <summary>The next message, or null when none arrived within <paramref name="maxWait"/> (or the link was being re-established).</summary>
    public async Task<ReceivedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        ReceiverLink? current = null;
        try
        {
            current = await GetLinkAsync(cancellationToken).ConfigureAwait(false);
            var message = await current.ReceiveAsync(maxWait).WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Yield(); // never continue on AMQPNetLite's I/O thread
            if (message is null)
            {
                if (current.IsClosed)
                {
                    await ResetAsync(current).ConfigureAwait(false);
                }

                return null;
            }

            failures = 0;
            GrantMoreIfExhausted(current);
            var tag = message.DeliveryTag;
            var lockToken = tag is { Length: 16 } ? new Guid(tag) : Guid.Empty;
            return new ReceivedMessage(message, current, lockToken, AmqpMessages.BodyOf(message));
        }
        catch (Exception exception) when (TransientErrors.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            await ResetAsync(current).ConfigureAwait(false);
            await Backoff.WaitAsync(failures++, manager.Options, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Removes the message (AMQP accepted).</summary>
    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        LinkOf(message).Accept(message.Native);
        return Task.CompletedTask;
    }

    /// <summary>Gives the message back for redelivery: Service Bus abandon (modified), or released on a generic broker.</summary>
    public Task AbandonAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        var current = LinkOf(message);
        if (Dialect == BrokerDialect.ServiceBus)
        {
            current.Modify(message.Native, deliveryFailed: true);
        }
        else
        {
            current.Release(message.Native); // RabbitMQ ends the session on 'modified'
        }

        return Task.CompletedTask;
    }

    /// <summary>Moves the message to the dead-letter queue with a reason (Service Bus records it; a generic broker routes by its DLX and drops the reason).</summary>
    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var info = new Fields { [new Symbol("DeadLetterReason")] = Truncate(reason) };
        if (description is not null)
        {
            info[new Symbol("DeadLetterErrorDescription")] = Truncate(description);
        }

        LinkOf(message).Reject(message.Native, new Error(DeadLetterCondition) { Description = Truncate(reason), Info = info });
        return Task.CompletedTask;
    }

    /// <summary>Extends the message's lock through <c>$management</c> (Service Bus only).</summary>
    public async Task<DateTimeOffset> RenewLockAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        if (Dialect != BrokerDialect.ServiceBus)
        {
            throw new NotSupportedException("RenewLockAsync: generic AMQP brokers have no message locks to renew");
        }

        var current = LinkOf(message);
        ManagementClient client;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            client = management ??= new ManagementClient(session!, manager.Options.ResolveAddress(EntityPath), manager.Options.OperationTimeout);
        }
        finally
        {
            gate.Release();
        }

        var until = await client.RenewLockAsync(message.LockToken, current.Name, cancellationToken).ConfigureAwait(false);
        message.LockedUntil = until;
        return until;
    }

    public async ValueTask DisposeAsync() => await ResetAsync(link).ConfigureAwait(false);

    ReceiverLink LinkOf(ReceivedMessage message)
    {
        if (receiverOptions.ReceiveAndDelete)
        {
            throw new InvalidOperationException($"{EntityPath}: the receiver is in receive-and-delete mode; message {message.MessageId} was settled when it was sent");
        }

        var current = (ReceiverLink)message.Link;
        if (!ReferenceEquals(current, link) || current.IsClosed)
        {
            throw new MessageLockLostException($"{EntityPath}: message {message.MessageId} was received on a link that is gone; the broker will redeliver it");
        }

        return current;
    }

    /// <summary>
    /// RabbitMQ's AMQP 1.0 plugin overruns credit when a flow crosses transfers in flight (auto-restore
    /// under load), which AMQPNetLite answers by closing the connection. So on generic brokers credit is
    /// granted in whole batches, and only once the previous batch has been fully delivered.
    /// </summary>
    void GrantMoreIfExhausted(ReceiverLink current)
    {
        if (Dialect != BrokerDialect.ServiceBus && Interlocked.Increment(ref receivedSinceGrant) >= receiverOptions.PrefetchCount)
        {
            Interlocked.Exchange(ref receivedSinceGrant, 0);
            current.SetCredit(receiverOptions.PrefetchCount, CreditMode.Manual);
        }
    }

    static string Truncate(string text) => text.Length <= 4096 ? text : text[..4093] + "...";

    async Task<ReceiverLink> GetLinkAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (link is { IsClosed: false })
            {
                return link;
            }

            session = await manager.OpenSessionAsync(EntityPath, int.MaxValue, cancellationToken).ConfigureAwait(false);
            management = null;
            var address = manager.Options.ResolveAddress(EntityPath);
            var attached = new TaskCompletionSource<Attach>(TaskCreationOptions.RunContinuationsAsynchronously);
            var attach = new Attach
            {
                Source = new Source { Address = address },
                Target = new Target(),
                SndSettleMode = receiverOptions.ReceiveAndDelete ? SenderSettleMode.Settled : SenderSettleMode.Unsettled,
                RcvSettleMode = ReceiverSettleMode.First,
            };
            var fresh = new ReceiverLink(session, "receiver-" + Guid.NewGuid().ToString("N"), attach, (_, remote) => attached.TrySetResult(remote));
            await AmqpLinks.WaitAttachedAsync(fresh, attached.Task, address, manager.Options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref receivedSinceGrant, 0);
            if (Dialect == BrokerDialect.ServiceBus)
            {
                fresh.SetCredit(receiverOptions.PrefetchCount);
            }
            else
            {
                fresh.SetCredit(receiverOptions.PrefetchCount, CreditMode.Manual);
            }

            link = fresh;
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task ResetAsync(ReceiverLink? broken)
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
