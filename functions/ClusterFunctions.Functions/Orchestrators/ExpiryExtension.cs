namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// The payload of the "extend" event: the expiry it moves from, the new one, who asked, an id the lease records once
/// it applied it (so the extend route knows whose extension took), and the extend route's signature of the new expiry.
/// The lease applies it only while its expiry is still <see cref="From"/>: two extensions computed from the same old
/// expiry would otherwise give the later of the two, not their sum. The route retries the one that lost.
/// </summary>
public sealed record ExpiryExtension(DateTimeOffset From, DateTimeOffset ExpiresAt, string By, string Id, string? Signature = null)
{
    public const string EventName = "extend";
}
