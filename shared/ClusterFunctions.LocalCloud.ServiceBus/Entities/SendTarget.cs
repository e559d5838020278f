using ClusterFunctions.LocalCloud.ServiceBus.Persistence;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Something a client can send to: a queue, or a topic that copies each message to its subscriptions.</summary>
internal sealed class SendTarget(string path, IReadOnlyList<MessageEntity> destinations, DuplicateDetector duplicates, IMessageJournal journal, TimeProvider timeProvider)
{
    public string Path { get; } = path;

    public DuplicateDetector Duplicates { get; } = duplicates;

    /// <summary>Stores the message unless its id repeats inside the duplicate window (then it is dropped, as Service Bus does).</summary>
    public bool Accept(byte[] payload, string? messageId, DateTimeOffset? scheduledTime)
    {
        if (messageId is not null && Duplicates.Enabled)
        {
            var now = timeProvider.GetUtcNow();
            if (!Duplicates.TryRecord(messageId, now))
            {
                return false;
            }

            journal.DuplicateIdSeen(Path, messageId, now);
        }

        foreach (var destination in destinations)
        {
            destination.Enqueue(payload, scheduledTime);
        }

        return true;
    }
}
