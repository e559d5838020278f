using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Persistence;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>
/// A queue-like entity (a queue, a subscription, or a dead-letter sub-queue): ordered messages,
/// peek-locks with expiry, delivery counting and the delivery limit, deferral, scheduled messages,
/// time to live, and sessions with their locks and state.
/// </summary>
internal sealed partial class MessageEntity(
    string path,
    EmulatorQueueOptions settings,
    TimeProvider timeProvider,
    IMessageJournal journal,
    Func<long> nextSequenceNumber,
    MessageEntity? deadLetterQueue)
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string TtlExpired = "TTLExpiredException";

    readonly object gate = new();
    readonly SortedDictionary<long, StoredMessage> available = [];
    readonly SortedDictionary<long, StoredMessage> deferred = [];
    readonly List<StoredMessage> scheduled = [];
    readonly Dictionary<Guid, LockedMessage> locked = [];
    readonly LinkedList<Waiter> waiters = new();
    readonly EntitySessions sessions = new(settings.LockDuration);

    public string Path { get; } = path;

    public MessageEntity? DeadLetterQueue { get; } = deadLetterQueue;

    public bool RequiresSession => settings.RequiresSession;

    public int ActiveCount
    {
        get
        {
            lock (gate)
            {
                return available.Count + locked.Count + deferred.Count;
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

    /// <summary>Copies of every message the entity holds (waiting, locked, deferred or scheduled), for journal compaction.</summary>
    public IReadOnlyList<StoredMessage> Snapshot()
    {
        lock (gate)
        {
            return available.Values
                .Concat(locked.Values.Where(l => !l.Message.Deferred).Select(l => l.Message))
                .Concat(deferred.Values)
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

    /// <summary>Waits for the next available message (of the link's session, if it holds one) and locks it for the link.</summary>
    public Task<LockedMessage?> LockNextAsync(ListenerLink link, string? sessionId)
    {
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            while (FirstAvailableLocked(sessionId) is { } message)
            {
                available.Remove(message.SequenceNumber);
                if (ExpiresAt(message) <= now)
                {
                    ExpireLocked(message);
                    continue;
                }

                return Task.FromResult<LockedMessage?>(LockLocked(message, link));
            }

            if (link.IsDraining)
            {
                return Task.FromResult<LockedMessage?>(null); // nothing now: the drain ends the client's credit
            }

            var waiter = new TaskCompletionSource<LockedMessage?>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.AddLast(new Waiter(link, sessionId, waiter));
            return waiter.Task;
        }
    }

    /// <summary>Ends a link's waiting receive with nothing, so that a drain request is answered at once.</summary>
    public void StopWaiting(ListenerLink link)
    {
        lock (gate)
        {
            for (var node = waiters.First; node is not null;)
            {
                var next = node.Next;
                if (ReferenceEquals(node.Value.Link, link))
                {
                    waiters.Remove(node);
                    node.Value.Completion.TrySetResult(null);
                }

                node = next;
            }
        }
    }

    /// <summary>Messages from a sequence number on, whatever their state, without locking them (Service Bus peek).</summary>
    public IReadOnlyList<(StoredMessage Message, int State)> Peek(long fromSequenceNumber, int count, string? sessionId)
    {
        lock (gate)
        {
            return available.Values.Select(m => (m, 0))
                .Concat(locked.Values.Select(l => (l.Message, l.Message.Deferred ? 1 : 0)))
                .Concat(deferred.Values.Select(m => (m, 1)))
                .Concat(scheduled.Select(m => (m, 2)))
                .Where(pair => pair.Item1.SequenceNumber >= fromSequenceNumber && (sessionId is null || pair.Item1.SessionId == sessionId))
                .OrderBy(pair => pair.Item1.SequenceNumber)
                .Take(count)
                .ToList();
        }
    }

    /// <summary>
    /// Takes deferred messages by sequence number, under a lock (peek-lock) or for good
    /// (receive-and-delete); the first number that is not deferred here is returned as missing.
    /// </summary>
    public IReadOnlyList<LockedMessage> ReceiveDeferred(IReadOnlyList<long> sequenceNumbers, bool peekLock, string? sessionId, out long? missing)
    {
        lock (gate)
        {
            missing = sequenceNumbers.Cast<long?>().FirstOrDefault(s => !deferred.TryGetValue(s!.Value, out var m) || (sessionId is not null && m.SessionId != sessionId));
            if (missing is not null)
            {
                return [];
            }

            var result = new List<LockedMessage>();
            foreach (var sequence in sequenceNumbers)
            {
                deferred.Remove(sequence, out var message);
                if (peekLock)
                {
                    result.Add(LockLocked(message!, null));
                }
                else
                {
                    message!.DeliveryCount++;
                    journal.Removed(Path, sequence);
                    result.Add(new LockedMessage(message, Guid.Empty, timeProvider.GetUtcNow(), null));
                }
            }

            return result;
        }
    }

    /// <summary>A closed receive link gives up its locks and its session, and stops waiting.</summary>
    public void DetachLink(ListenerLink link)
    {
        StopWaiting(link);
        lock (gate)
        {
            foreach (var entry in locked.Values.Where(l => ReferenceEquals(l.Link, link)).ToList())
            {
                locked.Remove(entry.LockToken);
                ReturnOrDeadLetterLocked(entry.Message);
            }

            sessions.Release(link);
        }
    }

    StoredMessage? FirstAvailableLocked(string? sessionId)
    {
        // Stops at the first match: the head of the queue for plain receivers.
        foreach (var message in available.Values)
        {
            if (sessionId is null || message.SessionId == sessionId)
            {
                return message;
            }
        }

        return null;
    }

    static void Modify(StoredMessage message, Map? propertiesToModify)
    {
        if (propertiesToModify is { Count: > 0 })
        {
            message.Payload = MessageCodec.WithModifiedProperties(message.Payload, propertiesToModify);
        }
    }

    LockedMessage LockLocked(StoredMessage message, ListenerLink? link)
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

        if (message.Deferred)
        {
            deferred[message.SequenceNumber] = message;
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
        for (var node = waiters.First; node is not null;)
        {
            var next = node.Next;
            var waiter = node.Value;
            if (waiter.Link.IsClosed)
            {
                waiters.Remove(node);
                waiter.Completion.TrySetResult(null);
            }
            else if (waiter.SessionId is null || waiter.SessionId == message.SessionId)
            {
                waiters.Remove(node);
                var entry = LockLocked(message, waiter.Link);
                if (waiter.Completion.TrySetResult(entry))
                {
                    return;
                }

                locked.Remove(entry.LockToken);
                message.DeliveryCount--;
            }

            node = next;
        }

        available[message.SequenceNumber] = message;
    }

    sealed record Waiter(ListenerLink Link, string? SessionId, TaskCompletionSource<LockedMessage?> Completion);
}
