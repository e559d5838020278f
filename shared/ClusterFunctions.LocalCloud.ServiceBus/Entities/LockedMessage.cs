using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>A message under a peek-lock: the lock token is also the AMQP delivery tag, as in Service Bus.</summary>
internal sealed class LockedMessage(StoredMessage message, Guid lockToken, DateTimeOffset lockedUntil, ListenerLink? link)
{
    public StoredMessage Message { get; } = message;

    public Guid LockToken { get; } = lockToken;

    public DateTimeOffset LockedUntil { get; set; } = lockedUntil;

    /// <summary>The receive link it went out on; null when it was received through <c>$management</c>.</summary>
    public ListenerLink? Link { get; } = link;
}
