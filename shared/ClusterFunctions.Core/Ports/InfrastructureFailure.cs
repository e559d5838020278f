namespace ClusterFunctions.Core.Ports;

/// <summary>
/// A classified infrastructure failure as data, for activities that return failures instead of
/// throwing so the classification survives the activity boundary (exceptions arrive as text).
/// </summary>
/// <param name="Kind">Retry later or permanent.</param>
/// <param name="Code">The cloud's error code (or ours, e.g. "ClusterNameClash").</param>
/// <param name="Message">The cloud's error message, as sent.</param>
/// <param name="Status">HTTP status of the failed call, when there was one.</param>
/// <param name="RetryAfter">How long the cloud asked us to wait, when it said.</param>
public sealed record InfrastructureFailure(
    InfrastructureErrorKind Kind,
    string Code,
    string Message,
    int? Status,
    TimeSpan? RetryAfter);
