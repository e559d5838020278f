using System.Net.Sockets;
using Amqp;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Decides whether a failure is the connection's (reconnect and retry) or the request's (give up).</summary>
internal static class TransientErrors
{
    static readonly HashSet<string> TransientConditions =
    [
        ErrorCode.ConnectionForced, ErrorCode.DetachForced, ErrorCode.FramingError, ErrorCode.InternalError,
        ErrorCode.ResourceLimitExceeded, ErrorCode.LinkRedirect, ErrorCode.ConnectionRedirect, ErrorCode.Stolen,
        ErrorCode.IllegalState, ErrorCode.ErrantLink, ErrorCode.UnattachedHandle, ErrorCode.WindowViolation,
        ErrorCode.TransferLimitExceeded, // RabbitMQ's credit overrun; a new connection recovers
        "com.microsoft:server-busy", "com.microsoft:timeout",
    ];

    public static bool IsTransient(Exception exception) => exception switch
    {
        AmqpException amqp => amqp.Error?.Condition is null || TransientConditions.Contains(amqp.Error.Condition.ToString()),
        ObjectDisposedException or SocketException or IOException or TimeoutException => true,
        _ => false,
    };
}
