namespace ClusterFunctions.Messaging.Amqp;

/// <summary>The broker refused a request for a reason retrying will not fix (not found, unauthorised, too large...).</summary>
public sealed class MessagingException(string condition, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The AMQP error condition, e.g. <c>amqp:not-found</c>.</summary>
    public string Condition { get; } = condition;
}
