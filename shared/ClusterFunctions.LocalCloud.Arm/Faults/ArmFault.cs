namespace ClusterFunctions.LocalCloud.Arm.Faults;

/// <summary>
/// A failure the emulator answers instead of serving a request, the next <see cref="Times"/> times a
/// request matches <see cref="Method"/> (null = any) and <see cref="PathContains"/> (case-insensitive).
/// </summary>
public sealed record ArmFault(
    string? Method,
    string PathContains,
    int Status,
    string Code,
    string Message,
    TimeSpan? RetryAfter = null,
    int Times = 1)
{
    /// <summary>ARM throttling: 429 TooManyRequests with Retry-After.</summary>
    public static ArmFault Throttle(string? method, string pathContains, TimeSpan retryAfter, int times = 1) =>
        new(method, pathContains, 429, "TooManyRequests",
            "The request is being throttled as the limit has been reached for operation type - Write.", retryAfter, times);

    /// <summary>A transient server error: 500 InternalServerError.</summary>
    public static ArmFault ServerError(string? method, string pathContains, int times = 1) =>
        new(method, pathContains, 500, "InternalServerError",
            "An internal server error occurred. Please retry the request.", null, times);

    /// <summary>AKS's 409 while another operation runs on the cluster.</summary>
    public static ArmFault OperationNotAllowed(string? method, string pathContains, int times = 1) =>
        new(method, pathContains, 409, "OperationNotAllowed",
            "Operation is not allowed: Another operation (Creating) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details",
            null, times);
}
