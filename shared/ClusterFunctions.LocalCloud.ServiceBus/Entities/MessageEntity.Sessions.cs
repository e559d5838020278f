using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Sessions: a link locks one (or the next free one with a message), renews it, and keeps its state.</summary>
internal sealed partial class MessageEntity
{
    /// <summary>
    /// Locks a session for a link: the one asked for, or (for null) the first session with a
    /// message waiting that nobody holds. Null when there is none; an error when another link holds it.
    /// </summary>
    public string? TryLockSession(string? requested, ListenerLink link, out string? error)
    {
        error = null;
        lock (gate)
        {
            var now = timeProvider.GetUtcNow();
            var sessionId = requested ?? available.Values
                .Select(m => m.SessionId)
                .FirstOrDefault(id => id is not null && !IsSessionHeldLocked(id, now));
            if (sessionId is null)
            {
                return null;
            }

            if (IsSessionHeldLocked(sessionId, now))
            {
                error = $"The session '{sessionId}' is locked by another receiver.";
                return null;
            }

            sessions.Lock(sessionId, link, now);
            return sessionId;
        }
    }

    public DateTimeOffset? SessionLockedUntil(string sessionId)
    {
        lock (gate)
        {
            return sessions.LockedUntil(sessionId);
        }
    }

    /// <summary>Extends a session lock by the lock duration; null when the session is not locked (any more).</summary>
    public DateTimeOffset? RenewSessionLock(string sessionId)
    {
        lock (gate)
        {
            return sessions.Renew(sessionId, timeProvider.GetUtcNow());
        }
    }

    public bool IsSessionLocked(string sessionId)
    {
        lock (gate)
        {
            return IsSessionHeldLocked(sessionId, timeProvider.GetUtcNow());
        }
    }

    public byte[]? GetSessionState(string sessionId)
    {
        lock (gate)
        {
            return sessions.GetState(sessionId);
        }
    }

    public void SetSessionState(string sessionId, byte[]? state)
    {
        lock (gate)
        {
            sessions.SetState(sessionId, state);
        }
    }

    bool IsSessionHeldLocked(string sessionId, DateTimeOffset now) => sessions.IsHeld(sessionId, now);
}
