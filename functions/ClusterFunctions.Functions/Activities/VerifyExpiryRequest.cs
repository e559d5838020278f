namespace ClusterFunctions.Functions.Activities;

/// <summary>A lease instance and an expiry it was handed (its start or an extension), with the signature to check.</summary>
public sealed record VerifyExpiryRequest(string InstanceId, string RequestId, DateTimeOffset ExpiresAt, string? Signature);
