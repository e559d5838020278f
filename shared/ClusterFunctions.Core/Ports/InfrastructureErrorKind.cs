namespace ClusterFunctions.Core.Ports;

/// <summary>Whether a failed infrastructure call is worth repeating.</summary>
public enum InfrastructureErrorKind
{
    /// <summary>Throttling, another operation in progress, or a transient server error: try again after a delay.</summary>
    RetryLater,

    /// <summary>Bad input, quota, policy denial, a name clash: repeating the call cannot succeed.</summary>
    Permanent,
}
