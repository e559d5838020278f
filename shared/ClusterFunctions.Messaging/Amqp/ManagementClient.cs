using Amqp;
using Amqp.Framing;
using Amqp.Types;
using AmqpMessage = Amqp.Message;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Request/response over an entity's <c>$management</c> node (Service Bus only).</summary>
internal sealed class ManagementClient(Session session, string entityAddress, TimeSpan timeout)
{
    readonly SemaphoreSlim gate = new(1, 1);
    readonly string replyTo = "mgmt-reply-" + Guid.NewGuid().ToString("N");
    SenderLink? sender;
    ReceiverLink? receiver;

    /// <summary>Renews the lock of one message; returns the new expiry.</summary>
    public async Task<DateTimeOffset> RenewLockAsync(Guid lockToken, string receiveLinkName, CancellationToken cancellationToken)
    {
        var body = await CallAsync("com.microsoft:renew-lock", new Map { ["lock-tokens"] = new[] { lockToken } }, receiveLinkName, cancellationToken).ConfigureAwait(false);
        return body?["expirations"] is DateTime[] { Length: 1 } expirations
            ? new DateTimeOffset(DateTime.SpecifyKind(expirations[0], DateTimeKind.Utc))
            : throw new MessagingException("amqp:decode-error", $"{entityAddress}/$management renew-lock: no expirations in the answer");
    }

    /// <summary>Schedules one encoded message; returns its sequence number.</summary>
    public async Task<long> ScheduleAsync(AmqpMessage message, string sendLinkName, CancellationToken cancellationToken)
    {
        var buffer = message.Encode();
        var entry = new Map
        {
            ["message-id"] = message.Properties.MessageId,
            ["message"] = buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray(),
        };
        var body = await CallAsync("com.microsoft:schedule-message", new Map { ["messages"] = new List { entry } }, sendLinkName, cancellationToken).ConfigureAwait(false);
        return body?["sequence-numbers"] is long[] { Length: 1 } numbers
            ? numbers[0]
            : throw new MessagingException("amqp:decode-error", $"{entityAddress}/$management schedule-message: no sequence number in the answer");
    }

    /// <summary>Cancels a scheduled message by its sequence number.</summary>
    public async Task CancelScheduledAsync(long sequenceNumber, string sendLinkName, CancellationToken cancellationToken) =>
        await CallAsync("com.microsoft:cancel-scheduled-message", new Map { ["sequence-numbers"] = new[] { sequenceNumber } }, sendLinkName, cancellationToken).ConfigureAwait(false);

    async Task<Map?> CallAsync(string operation, Map requestBody, string associatedLinkName, CancellationToken cancellationToken)
    {
        var request = new AmqpMessage
        {
            BodySection = new AmqpValue { Value = requestBody },
            ApplicationProperties = new ApplicationProperties
            {
                ["operation"] = operation,
                ["associated-link-name"] = associatedLinkName,
            },
        };
        var response = await RequestAsync(request, cancellationToken).ConfigureAwait(false);
        var status = Convert.ToInt32(response.ApplicationProperties?["statusCode"] ?? 0);
        if (status is 200 or 204)
        {
            return response.Body as Map;
        }

        var condition = response.ApplicationProperties?["errorCondition"]?.ToString() ?? "";
        var description = response.ApplicationProperties?["statusDescription"] as string;
        if (status == 410 || condition == "com.microsoft:message-lock-lost")
        {
            throw new MessageLockLostException($"{entityAddress}: {description}");
        }

        throw new MessagingException(condition, $"{entityAddress}/$management {operation}: {status} {description}");
    }

    async Task<AmqpMessage> RequestAsync(AmqpMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var address = entityAddress + "/$management";
            if (sender is null || receiver is null || sender.IsClosed || receiver.IsClosed)
            {
                sender = new SenderLink(session, "mgmt-sender-" + replyTo, address);
                receiver = new ReceiverLink(session, "mgmt-receiver-" + replyTo, new Attach
                {
                    Source = new Source { Address = address },
                    Target = new Target { Address = replyTo },
                }, null);
                receiver.SetCredit(10);
            }

            var id = Guid.NewGuid().ToString("N");
            request.Properties = new Properties { MessageId = id, ReplyTo = replyTo };
            await sender.SendAsync(request).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var response = await receiver.ReceiveAsync(timeout).ConfigureAwait(false)
                    ?? throw new TimeoutException($"{address} did not answer within {timeout}");
                await Task.Yield();
                receiver.Accept(response);
                if (response.Properties?.CorrelationId == id)
                {
                    return response;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
