using Amqp.Types;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>What a receiver does with a message it holds locked: complete, abandon, defer, dead-letter, renew.</summary>
internal sealed partial class MessageEntity
{
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

    public bool Abandon(Guid lockToken, Map? propertiesToModify)
    {
        lock (gate)
        {
            if (!locked.Remove(lockToken, out var entry))
            {
                return false;
            }

            Modify(entry.Message, propertiesToModify);
            ReturnOrDeadLetterLocked(entry.Message);
            return true;
        }
    }

    /// <summary>Takes back a message locked for a link that could not send it: it never reached the client, so the delivery does not count.</summary>
    public void Release(Guid lockToken)
    {
        lock (gate)
        {
            if (locked.Remove(lockToken, out var entry))
            {
                entry.Message.DeliveryCount--;
                if (entry.Message.Deferred)
                {
                    deferred[entry.Message.SequenceNumber] = entry.Message;
                }
                else
                {
                    MakeAvailableLocked(entry.Message);
                }
            }
        }
    }

    /// <summary>Sets a locked message aside; it comes back only through receive-by-sequence-number.</summary>
    public bool Defer(Guid lockToken, Map? propertiesToModify)
    {
        lock (gate)
        {
            if (!locked.Remove(lockToken, out var entry))
            {
                return false;
            }

            Modify(entry.Message, propertiesToModify);
            entry.Message.Deferred = true;
            deferred[entry.Message.SequenceNumber] = entry.Message;
            return true;
        }
    }

    public bool DeadLetter(Guid lockToken, string? reason, string? description, Map? propertiesToModify = null)
    {
        lock (gate)
        {
            if (!locked.Remove(lockToken, out var entry))
            {
                return false;
            }

            Modify(entry.Message, propertiesToModify);
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
}
