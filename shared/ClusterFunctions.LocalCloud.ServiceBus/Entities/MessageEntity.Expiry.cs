using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Time: locks and session locks that run out, messages past their time to live, scheduled messages due.</summary>
internal sealed partial class MessageEntity
{
    /// <summary>Expires locks, session locks and messages past their time to live; releases due scheduled messages.</summary>
    public IReadOnlyList<ListenerLink> Sweep()
    {
        var now = timeProvider.GetUtcNow();
        var lostSessions = new List<ListenerLink>();
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

            foreach (var expired in available.Values.Concat(deferred.Values).Where(m => ExpiresAt(m) <= now).ToList())
            {
                available.Remove(expired.SequenceNumber);
                deferred.Remove(expired.SequenceNumber);
                ExpireLocked(expired);
            }

            lostSessions.AddRange(sessions.Expire(now));
        }

        return lostSessions;
    }

    DateTimeOffset ExpiresAt(StoredMessage message)
    {
        var ttl = message.TimeToLive ?? settings.DefaultMessageTimeToLive;
        var from = message.ScheduledTime ?? message.EnqueuedTime;
        return ttl >= DateTimeOffset.MaxValue - from ? DateTimeOffset.MaxValue : from + ttl;
    }

    void ExpireLocked(StoredMessage message)
    {
        if (settings.DeadLetteringOnMessageExpiration && DeadLetterQueue is not null)
        {
            MoveToDeadLetterLocked(message, TtlExpired, "The message expired and was dead lettered.");
        }
        else
        {
            journal.Removed(Path, message.SequenceNumber);
        }
    }
}
