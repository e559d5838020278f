using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// An infrastructure activity's answer, with retry-later failures as data rather than exceptions, so
/// the orchestrator can wait on a durable timer for exactly as long as the cloud asked.
/// </summary>
public sealed record InfrastructureCall<T>(T? Value, InfrastructureErrorKind? ErrorKind, string? ErrorCode, string? ErrorMessage, int? RetryAfterSeconds)
{
    public static InfrastructureCall<T> Succeeded(T value) => new(value, null, null, null, null);

    public static InfrastructureCall<T> From(InfrastructureException e) =>
        new(default, e.Kind, e.Code, e.Message, e.RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null);

    public bool IsRetryLater => ErrorKind == InfrastructureErrorKind.RetryLater;

    public bool IsPermanentFailure => ErrorKind == InfrastructureErrorKind.Permanent;

    public string Describe() => $"{ErrorCode}: {ErrorMessage}";
}
