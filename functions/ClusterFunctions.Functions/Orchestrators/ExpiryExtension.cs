namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>The payload of the "extend" event: the new expiry, who asked, and the extend route's signature of it.</summary>
public sealed record ExpiryExtension(DateTimeOffset ExpiresAt, string By, string? Signature = null)
{
    public const string EventName = "extend";
}
