namespace ClusterFunctions.Core.Events;

/// <summary>
/// The <c>data</c> of every completion event. Never carries credentials: endpoints are addresses,
/// not kubeconfigs or tokens.
/// </summary>
/// <param name="RequestId">The request the build was for.</param>
/// <param name="ClusterName">Also the CloudEvents <c>subject</c>.</param>
/// <param name="Profile">Catalog profile name.</param>
/// <param name="ProfileVersion">Content hash of the profile.</param>
/// <param name="Steps">Every step so far, in order, with timings.</param>
/// <param name="Endpoints">Named addresses, e.g. "kubernetesApi" and "portal".</param>
/// <param name="Failure">Set on <see cref="ClusterEventTypes.Failed"/> events.</param>
public sealed record ClusterEventData(
    string RequestId,
    string ClusterName,
    string Profile,
    string ProfileVersion,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyDictionary<string, string> Endpoints,
    FailureRecord? Failure)
{
    /// <summary>Who approved the build, for profiles that require an approval.</summary>
    public string? ApprovedBy { get; init; }

    /// <summary>When a cluster with a ttl is deleted unless extended (set on <see cref="ClusterEventTypes.Expiring"/> events).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>How to push the expiry back, on <see cref="ClusterEventTypes.Expiring"/> events: the command and the route.</summary>
    public string? Extend { get; init; }

    /// <summary>The profile version the cluster ran before, on <see cref="ClusterEventTypes.Upgraded"/> events.</summary>
    public string? PreviousProfileVersion { get; init; }

    /// <summary>Why the cluster was deleted, on <see cref="ClusterEventTypes.Deleted"/> events: "expired" when its ttl ran out.</summary>
    public string? Reason { get; init; }

    /// <summary>On <see cref="ClusterEventTypes.Drifted"/> events what differs from the plan; on <see cref="ClusterEventTypes.Repaired"/> what was put back.</summary>
    public IReadOnlyList<string>? Drift { get; init; }

    /// <summary>When reconcile found the drift (or finished the repair), on drifted and repaired events.</summary>
    public DateTimeOffset? CheckedAt { get; init; }
}
