namespace ClusterFunctions.Messaging.Listener;

/// <summary>
/// Thrown by a handler to refuse a message for good (a name already taken, a cluster that does not
/// exist): the listener dead-letters it at once with this reason and description instead of retrying.
/// </summary>
public sealed class MessageRejectedException(string description, string reason = DeadLetterReasons.Rejected) : Exception(description)
{
    /// <summary>The dead-letter reason.</summary>
    public string Reason { get; } = reason;

    /// <summary>The dead-letter description.</summary>
    public string Description { get; } = description;
}
