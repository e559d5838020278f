namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// The input of a cluster's expiry lease (<see cref="ExpireClusterOrchestrator"/>): which build it belongs to, when it
/// deletes the cluster, how long before that it warns, and whether it has warned for this expiry yet.
/// </summary>
/// <param name="Signature">The app's signature of the lease (see <c>RouteSignatures.Expiry</c>); a lease without a valid one deletes nothing.</param>
/// <param name="LastExtension">The id of the extension that set <paramref name="ExpiresAt"/>, for the extend route to see that its own took.</param>
public sealed record ExpiryLease(string ClusterName, string RequestId, DateTimeOffset ExpiresAt, TimeSpan Warning, string Signature, bool Warned = false, string? LastExtension = null)
{
    /// <summary>How long before expiry the warning goes out: <paramref name="lead"/> (Build:ExpiryWarning), or a quarter of a ttl shorter than four leads.</summary>
    public static TimeSpan WarningFor(TimeSpan ttl, TimeSpan lead) => ttl / 4 < lead ? ttl / 4 : lead;
}
