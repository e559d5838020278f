namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// The input of a cluster's expiry lease (<see cref="ExpireClusterOrchestrator"/>): which build it belongs to, when it
/// deletes the cluster, how long before that it warns, and whether it has warned for this expiry yet.
/// </summary>
/// <param name="Signature">The app's signature of the lease (see <c>RouteSignatures.Expiry</c>); a lease without a valid one deletes nothing.</param>
public sealed record ExpiryLease(string ClusterName, string RequestId, DateTimeOffset ExpiresAt, TimeSpan Warning, string Signature, bool Warned = false)
{
    /// <summary>How long before expiry the warning goes out: an hour, or a quarter of a shorter ttl.</summary>
    public static TimeSpan WarningFor(TimeSpan ttl) => ttl / 4 < TimeSpan.FromHours(1) ? ttl / 4 : TimeSpan.FromHours(1);
}
