using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Host.ServiceBus;

/// <summary>
/// The messages whose functions are running, by lock token, so the worker's ServiceBusMessageActions can settle
/// them through the host (which holds the lock), and the listener knows not to settle them again.
/// </summary>
internal sealed class MessageSettlements
{
    private readonly ConcurrentDictionary<string, Pending> _running = new(StringComparer.Ordinal);

    public void Begin(ProcessMessageEventArgs message) => _running[message.Message.LockToken] = new Pending(message);

    public bool End(string lockToken) => _running.TryRemove(lockToken, out Pending? pending) && pending.Settled;

    /// <summary>Settles the running message <paramref name="lockToken"/>; false when no such message is running.</summary>
    public async Task<bool> SettleAsync(string lockToken, string action, string? reason, string? description, CancellationToken cancellationToken)
    {
        if (!_running.TryGetValue(lockToken, out Pending? pending))
        {
            return false;
        }

        ProcessMessageEventArgs args = pending.Message;
        switch (action)
        {
            case "complete":
                await args.CompleteMessageAsync(args.Message, cancellationToken);
                break;
            case "abandon":
                await args.AbandonMessageAsync(args.Message, cancellationToken: cancellationToken);
                break;
            case "deadletter":
                await args.DeadLetterMessageAsync(args.Message, reason ?? "DeadLetteredByFunction", description ?? "", cancellationToken);
                break;
            default:
                throw new ArgumentException($"unknown settlement '{action}' (complete, abandon, deadletter)", nameof(action));
        }

        pending.Settled = true;
        return true;
    }

    private sealed class Pending(ProcessMessageEventArgs message)
    {
        public ProcessMessageEventArgs Message { get; } = message;

        public bool Settled { get; set; }
    }
}
