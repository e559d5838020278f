using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Persistence;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>
/// A queue-like entity (a queue, a subscription, or a dead-letter sub-queue): ordered messages,
/// peek-locks with expiry, delivery counting, the delivery limit and scheduled messages.
/// </summary>
internal sealed class MessageEntity(
    string path,
    EmulatorQueueOptions settings,
    TimeProvider timeProvider,
    IMessageJournal journal,
    Func<long> nextSequenceNumber,
    MessageEntity? deadLetterQueue)
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    readonly object gate = new();
    readonly SortedDictionary<long, StoredMessage> available = [];
    readonly List<StoredMessage> scheduled = [];
    readonly Dictionary<Guid, LockedMessage> locked = [];
    readonly LinkedList<(ListenerLink Link, TaskCompletionSource<LockedMessage?> Waiter)> waiters = new();

    public string Path { get; } = path;

    public MessageEntity? DeadLetterQueue { get; } = deadLetterQueue;

    public int ActiveCount
    {
        get
        {
            lock (gate)
            {
                return available.Count + locked.Count;
            }
        }
    }

    /// <summary>Puts a message back as it was before a restart; locks are not durable, so it is available.</summary>
    public void Restore(StoredMessage message)
    {
        lock (gate)
        {
            if (message.ScheduledTime is { } due && due > timeProvider.GetUtcNow())
            {
                scheduled.Add(message);
            }
            else
            {
                available[message.SequenceNumber] = message;
            }
        }
    }

    /// <summary>Copies of every message the entity holds (waiting, locked or scheduled), for journal compaction.</summary>
    public IReadOnlyList<StoredMessage> Snapshot()
    {
        lock (gate)
        {
            return available.Values
                .Concat(locked.Values.Select(l => l.Message))
                .Concat(scheduled)
                .Select(m => new StoredMessage(m.SequenceNumber, m.Payload, m.EnqueuedTime, m.ScheduledTime) { DeliveryCount = m.DeliveryCount })
                .ToList();
        }
    }

    /// <summary>Removes a message that is still waiting for its scheduled time.</summary>
    public bool CancelScheduled(long sequenceNumber)
    {
        lock (gate)
        {
            if (scheduled.RemoveAll(m => m.SequenceNumber == sequenceNumber) == 0)
            {
                return false;
            }

            journal.Removed(Path, sequenceNumber);
            return true;
        }
    }

    public StoredMessage Enqueue(byte[] payload, DateTimeOffset? scheduledTime)
    {
        var message = new StoredMessage(nextSequenceNumber(), payload, timeProvider.GetUtcNow(), scheduledTime);
        journal.Enqueued(Path, message);
        lock (gate)
        {
            if (scheduledTime is { } due && due > message.EnqueuedTime)
            {
                scheduled.Add(message);
                return message;
            }

            MakeAvailableLocked(message);
        }

        return message;
    }

    /// <summary>Waits for the next available message and locks it for the link.</summary>
    public Task<LockedMessage?> LockNextAsync(ListenerLink link)
    {
        lock (gate)
        {
            if (available.Count > 0)
            {
                var first = available.First().Value;
                available.Remove(first.SequenceNumber);
                return Task.FromResult<LockedMessage?>(LockLocked(first, link));
            }

            var waiter = new TaskCompletionSource<LockedMessage?>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.AddLast((link, waiter));
            return waiter.Task;
        }
    }

    public bool Complete(Guid lockToken)
    {
        lock (gate)
        {
            if (!locked.Remove(lockToken, out var entry))
            {
                return false;
            }

            journal.Removed(Path, entry.Message.SequenceNumber);
            return true;
        }
    }

    public bool Abandon(Guid lockToken, Fields? propertiesToModify)
    {
        lock (gate)
        {
            if (!locked.Remove(lockToken, out var entry))
            {
                return false;
            }

            if (propertiesToModify is { Count: > 0 })
            {
                entry.Message.Payload = MessageCodec.WithModifiedProperties(entry.Message.Payload, propertiesToModify);
            }

            ReturnOrDeadLetterLocked(entry.Message);
            return true;
        }
    }

    public bool DeadLetter(Guid lockToken, string? reason, string? description)
    {
        lock (gate)
        {
            if (!locked.Remove(lockToken, out var entry))
            {
                return false;
            }

            MoveToDeadLetterLocked(entry.Message, reason, description);
            return true;
        }
    }

    /// <summary>Extends a lock by the lock duration; null when the lock was already lost.</summary>
    public DateTimeOffset? RenewLock(Guid lockToken)
    {
        lock (gate)
        {
            if (!locked.TryGetValue(lockToken, out var entry) || entry.LockedUntil <= timeProvider.GetUtcNow())
            {
                return null;
            }

            entry.LockedUntil = timeProvider.GetUtcNow() + settings.LockDuration;
            return entry.LockedUntil;
        }
    }

    /// <summary>A closed receive link gives up its locks and stops waiting, so nothing waits for lock expiry needlessly.</summary>
    public void DetachLink(ListenerLink link)
    {
        lock (gate)
        {
            for (var node = waiters.First; node is not null;)
            {
                var next = node.Next;
                if (ReferenceEquals(node.Value.Link, link))
                {
                    waiters.Remove(node);
                    node.Value.Waiter.TrySetResult(null);
                }

                node = next;
            }

            foreach (var entry in locked.Values.Where(l => ReferenceEquals(l.Link, link)).ToList())
            {
                locked.Remove(entry.LockToken);
                ReturnOrDeadLetterLocked(entry.Message);
            }
        }
    }

    /// <summary>Expires locks, releases due scheduled messages.</summary>
    public void Sweep()
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            foreach (var entry in locked.Values.Where(l => l.LockedUntil <= now).ToList())
            {
                locked.Remove(entry.LockToken);
                ReturnOrDeadLetterLocked(entry.Message);
            }

            foreach (var due in scheduled.Where(m => m.ScheduledTime <= now).OrderBy(m => m.SequenceNumber).ToList())
            {
                scheduled.Remove(due);
                MakeAvailableLocked(due);
            }
        }
    }

    LockedMessage LockLocked(StoredMessage message, ListenerLink link)
    {
        message.DeliveryCount++;
        journal.Delivered(Path, message.SequenceNumber, message.DeliveryCount);
        var entry = new LockedMessage(message, Guid.NewGuid(), timeProvider.GetUtcNow() + settings.LockDuration, link);
        locked[entry.LockToken] = entry;
        return entry;
    }

    void ReturnOrDeadLetterLocked(StoredMessage message)
    {
        if (DeadLetterQueue is not null && message.DeliveryCount >= settings.MaxDeliveryCount)
        {
            MoveToDeadLetterLocked(
                message,
                MaxDeliveryCountExceeded,
                $"Message could not be consumed after {settings.MaxDeliveryCount} delivery attempts.");
            return;
        }

        MakeAvailableLocked(message);
    }

    void MoveToDeadLetterLocked(StoredMessage message, string? reason, string? description)
    {
        // Journal the copy before the removal so a crash in between duplicates rather than loses.
        DeadLetterQueue?.Enqueue(MessageCodec.WithDeadLetterReason(message.Payload, Path, reason, description), null);
        journal.Removed(Path, message.SequenceNumber);
    }

    void MakeAvailableLocked(StoredMessage message)
    {
        while (waiters.First is { } node)
        {
            waiters.RemoveFirst();
            if (node.Value.Link.IsClosed)
            {
                node.Value.Waiter.TrySetResult(null);
                continue;
            }

            var entry = LockLocked(message, node.Value.Link);
            if (node.Value.Waiter.TrySetResult(entry))
            {
                return;
            }

            locked.Remove(entry.LockToken);
            message.DeliveryCount--;
        }

        available[message.SequenceNumber] = message;
    }
}
