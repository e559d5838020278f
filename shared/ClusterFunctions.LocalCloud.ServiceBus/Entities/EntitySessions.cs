using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>The session locks and session state of one entity; the owning <see cref="MessageEntity"/> holds its lock around every call.</summary>
internal sealed class EntitySessions(TimeSpan lockDuration)
{
    readonly Dictionary<string, SessionLock> locks = new(StringComparer.Ordinal);
    readonly Dictionary<string, byte[]> states = new(StringComparer.Ordinal);

    /// <summary>Held by a link that is still open and whose lock has not expired.</summary>
    public bool IsHeld(string sessionId, DateTimeOffset now) =>
        locks.TryGetValue(sessionId, out var held) && held.LockedUntil > now && !held.Link.IsClosed;

    public void Lock(string sessionId, ListenerLink link, DateTimeOffset now) => locks[sessionId] = new SessionLock(link, now + lockDuration);

    public DateTimeOffset? LockedUntil(string sessionId) => locks.TryGetValue(sessionId, out var held) ? held.LockedUntil : null;

    /// <summary>Extends a session lock by the lock duration; null when it is not held (any more).</summary>
    public DateTimeOffset? Renew(string sessionId, DateTimeOffset now)
    {
        if (!IsHeld(sessionId, now))
        {
            return null;
        }

        var held = locks[sessionId];
        held.LockedUntil = now + lockDuration;
        return held.LockedUntil;
    }

    public byte[]? GetState(string sessionId) => states.GetValueOrDefault(sessionId);

    public void SetState(string sessionId, byte[]? state)
    {
        if (state is null)
        {
            states.Remove(sessionId);
        }
        else
        {
            states[sessionId] = state;
        }
    }

    /// <summary>A closing link gives up every session it holds.</summary>
    public void Release(ListenerLink link)
    {
        foreach (var session in locks.Where(pair => ReferenceEquals(pair.Value.Link, link)).Select(pair => pair.Key).ToList())
        {
            locks.Remove(session);
        }
    }

    /// <summary>Drops expired session locks and returns the links that held them, for Service Bus detaches those.</summary>
    public IReadOnlyList<ListenerLink> Expire(DateTimeOffset now)
    {
        var lost = new List<ListenerLink>();
        foreach (var (session, held) in locks.Where(pair => pair.Value.LockedUntil <= now).ToList())
        {
            locks.Remove(session);
            lost.Add(held.Link);
        }

        return lost;
    }

    sealed class SessionLock(ListenerLink link, DateTimeOffset lockedUntil)
    {
        public ListenerLink Link { get; } = link;

        public DateTimeOffset LockedUntil { get; set; } = lockedUntil;
    }
}
