namespace ClusterFunctions.Messaging.Listener;

/// <summary>The dead-letter reasons the queue listener writes; the description carries the details.</summary>
public static class DeadLetterReasons
{
    /// <summary>The decoder or validator refused the message; the description lists the field errors.</summary>
    public const string ValidationFailed = "ValidationFailed";

    /// <summary>The content type is not one the listener accepts.</summary>
    public const string UnsupportedContentType = "UnsupportedContentType";

    /// <summary>The body is larger than the listener accepts.</summary>
    public const string BodyTooLarge = "BodyTooLarge";

    /// <summary>The handler refused the message for good with a <see cref="MessageRejectedException"/>.</summary>
    public const string Rejected = "Rejected";

    /// <summary>The handler failed on the last allowed delivery.</summary>
    public const string HandlerFailed = "HandlerFailed";
}
