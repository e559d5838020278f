namespace ClusterFunctions.Functions.Triggers;

/// <summary>What a request to extend a cluster's expiry did.</summary>
public enum ExtendOutcome
{
    Extended,
    Pending,
    NotFound,
    Forbidden,
    NoExpiry,
    TooLong,
}
