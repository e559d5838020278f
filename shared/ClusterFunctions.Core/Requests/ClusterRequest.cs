namespace ClusterFunctions.Core.Requests;

/// <summary>A request for one complete cluster, as it arrives by HTTP, queue message or CLI.</summary>
/// <param name="RequestId">Caller-chosen id; the same id means the same request (redelivery, retries).</param>
/// <param name="ClusterName">Name of the cluster to create.</param>
/// <param name="Profile">Catalog profile, e.g. "production".</param>
/// <param name="Overrides">What the request changes from the profile (region, pool bounds).</param>
/// <param name="RequestedBy">Identity of the requester, set by the trigger from the authenticated caller.</param>
/// <param name="Labels">Free-form labels carried into tags and events.</param>
/// <param name="Ttl">How long the cluster lives once Ready (<see cref="Requests.Ttl"/>); at most the profile's own ttl when it has one.</param>
public sealed record ClusterRequest(
    string RequestId,
    string ClusterName,
    string Profile,
    RequestOverrides? Overrides = null,
    string? RequestedBy = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    string? Ttl = null);
