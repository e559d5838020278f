namespace ClusterFunctions.Functions.Triggers;

/// <summary>What a request to extend a cluster's expiry did.</summary>
public enum ExtendOutcome
{
    Extended,
    NotFound,
    Forbidden,
    NoExpiry,
    TooLong,
}
