namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts a Ready cluster's expiry lease: the build, its ttl and when that runs out.</summary>
public sealed record StartExpiryRequest(string ClusterName, string RequestId, DateTimeOffset ExpiresAt, TimeSpan Ttl);
