using ClusterFunctions.LocalCloud.ServiceBus.Persistence;
using ClusterFunctions.LocalCloud.ServiceBus.Rules;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Something a client can send to: a queue, or a topic that copies each message to its subscriptions.</summary>
internal sealed class SendTarget(string path, IReadOnlyList<(MessageEntity Entity, SubscriptionRules? Rules)> destinations, DuplicateDetector duplicates, IMessageJournal journal, TimeProvider timeProvider)
{
    // A scheduled message gets one sequence number per destination; clients cancel by the first one.
    readonly Dictionary<long, List<(MessageEntity Entity, long Sequence)>> scheduledCopies = [];

    public string Path { get; } = path;

    public DuplicateDetector Duplicates { get; } = duplicates;

    /// <summary>
    /// Stores the message unless its id repeats inside the duplicate window (then it is dropped, as
    /// Service Bus does); returns the sequence number it got, or null when it was dropped.
    /// </summary>
    public long? Accept(byte[] payload, string? messageId, DateTimeOffset? scheduledTime)
    {
        if (messageId is not null && Duplicates.Enabled)
        {
            var now = timeProvider.GetUtcNow();
            if (!Duplicates.TryRecord(messageId, now))
            {
                return null;
            }

            journal.DuplicateIdSeen(Path, messageId, now);
        }

        // A topic's message reaches each subscription where any rule matches it.
        var decoded = destinations.Any(d => d.Rules is not null) ? MessageCodec.Decode(payload) : null;
        var copies = destinations
            .Where(destination => destination.Rules is null || destination.Rules.Matches(decoded!))
            .Select(destination => (destination.Entity, destination.Entity.Enqueue(payload, scheduledTime).SequenceNumber))
            .ToList();
        if (copies.Count == 0)
        {
            return null; // a topic drops what no subscription's rules take
        }

        if (scheduledTime is not null)
        {
            lock (scheduledCopies)
            {
                scheduledCopies[copies[0].SequenceNumber] = copies;
            }
        }

        return copies[0].SequenceNumber;
    }

    /// <summary>Cancels a scheduled message everywhere it was copied; false when it is unknown or already enqueued.</summary>
    public bool CancelScheduled(long sequenceNumber)
    {
        List<(MessageEntity Entity, long Sequence)>? copies;
        lock (scheduledCopies)
        {
            if (!scheduledCopies.Remove(sequenceNumber, out copies))
            {
                return false;
            }
        }

        var cancelled = false;
        foreach (var (entity, sequence) in copies)
        {
            cancelled |= entity.CancelScheduled(sequence);
        }

        return cancelled;
    }
}
