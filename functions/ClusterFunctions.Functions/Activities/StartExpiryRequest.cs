namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts a Ready cluster's expiry lease: the build, when its ttl runs out and how long before that it warns.</summary>
public sealed record StartExpiryRequest(string ClusterName, string RequestId, DateTimeOffset ExpiresAt, TimeSpan Warning);
