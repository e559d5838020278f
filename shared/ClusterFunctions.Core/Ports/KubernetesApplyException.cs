namespace ClusterFunctions.Core.Ports;

/// <summary>
/// A Kubernetes write or read failed. <see cref="Retryable"/> says whether trying again later can
/// help (throttling, 5xx, timeouts) or whether the request itself was refused (admission, conflict, invalid).
/// </summary>
public sealed class KubernetesApplyException(string message, int? statusCode, bool retryable, KubernetesObjectRef? target = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status the API server answered with; null when it could not be reached.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>Whether the same call may succeed later.</summary>
    public bool Retryable { get; } = retryable;

    /// <summary>The object the call was about, when there was one.</summary>
    public KubernetesObjectRef? Target { get; } = target;
}
