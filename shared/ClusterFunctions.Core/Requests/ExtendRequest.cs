namespace ClusterFunctions.Core.Requests;

/// <summary>A request to push a cluster's expiry back: <c>{"by": "4h"}</c>, read with <see cref="Ttl"/>.</summary>
public sealed record ExtendRequest(TimeSpan By);
