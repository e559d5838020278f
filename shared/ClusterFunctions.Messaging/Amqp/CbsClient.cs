using Amqp;
using Amqp.Framing;
using AmqpConnection = Amqp.Connection;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Puts tokens on a connection's <c>$cbs</c> node, which is how Service Bus authorises links.</summary>
internal sealed class CbsClient(AmqpConnection connection, TimeSpan timeout) : IAsyncDisposable
{
    const string CbsAddress = "$cbs";

    readonly SemaphoreSlim gate = new(1, 1);
    readonly string replyTo = "cbs-reply-" + Guid.NewGuid().ToString("N");
    Session? session;
    SenderLink? sender;
    ReceiverLink? receiver;

    /// <summary>Authorises <paramref name="audience"/> on this connection; throws UnauthorizedAccessException with the broker's reason otherwise.</summary>
    public async Task PutTokenAsync(string audience, string tokenType, string token, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sender is null || receiver is null)
            {
                session = new Session(connection);
                sender = new SenderLink(session, "cbs-sender-" + replyTo, CbsAddress);
                receiver = new ReceiverLink(session, "cbs-receiver-" + replyTo, new Attach
                {
                    Source = new Source { Address = CbsAddress },
                    Target = new Target { Address = replyTo },
                }, null);
                receiver.SetCredit(10);
            }

            var request = new Message(token)
            {
                Properties = new Properties { MessageId = Guid.NewGuid().ToString("N"), ReplyTo = replyTo },
                ApplicationProperties = new ApplicationProperties
                {
                    ["operation"] = "put-token",
                    ["type"] = tokenType,
                    ["name"] = audience,
                },
            };
            await sender.SendAsync(request).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            var response = await receiver.ReceiveAsync(timeout).ConfigureAwait(false)
                ?? throw new TimeoutException($"$cbs did not answer put-token within {timeout}");
            await Task.Yield(); // leave AMQPNetLite's I/O thread before doing anything else (see the deadlock trap)
            receiver.Accept(response);
            var status = Convert.ToInt32(response.ApplicationProperties?["status-code"] ?? 0);
            if (status is not (200 or 202))
            {
                var description = response.ApplicationProperties?["status-description"] as string;
                throw new UnauthorizedAccessException($"$cbs refused the token for '{audience}': {status} {description}");
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (session is not null)
        {
            await session.CloseAsync().ConfigureAwait(false);
        }

        gate.Dispose();
    }
}
