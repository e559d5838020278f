namespace ClusterFunctions.Core.Ports;

/// <summary>
/// A classified infrastructure failure. <see cref="Code"/> and the message are the cloud's own
/// (e.g. ARM's error.code and error.message) so the step failure shows what the cloud said.
/// </summary>
public sealed class InfrastructureException : Exception
{
    /// <summary>Creates a classified failure.</summary>
    public InfrastructureException(
        InfrastructureErrorKind kind,
        string code,
        string message,
        int? status = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Code = code;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>Retry later or permanent.</summary>
    public InfrastructureErrorKind Kind { get; }

    /// <summary>The cloud's error code, or one of ours (e.g. "ClusterNameClash") when the check is ours.</summary>
    public string Code { get; }

    /// <summary>The HTTP status of the failed call, when there was one.</summary>
    public int? Status { get; }

    /// <summary>How long the cloud asked us to wait (Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The same failure as a serialisable record (no inner exception, no stack).</summary>
    public InfrastructureFailure ToFailure() => new(Kind, Code, Message, Status, RetryAfter);
}
