namespace ClusterFunctions.Core.Upgrades;

/// <summary>How the managed cluster's ARM body changes between two plans.</summary>
/// <param name="KubernetesVersionFrom">The control plane's version in the old plan, when it changes.</param>
/// <param name="KubernetesVersionTo">The control plane's version in the new plan, when it changes.</param>
/// <param name="NodePools">Pools added, removed or changed, in name order.</param>
/// <param name="BodyChanged">Whether the ARM body differs at all (tags carry the profile version, so it usually does): the cluster is PUT again.</param>
/// <param name="Refusals">Changes AKS refuses (a jump of more than one minor version, a downgrade, a pool's new VM size): an upgrade with any stops before it changes anything.</param>
public sealed record InfrastructureChanges(string? KubernetesVersionFrom, string? KubernetesVersionTo, IReadOnlyList<NodePoolChange> NodePools, bool BodyChanged, IReadOnlyList<string>? Refusals = null)
{
    public static InfrastructureChanges None { get; } = new(null, null, [], false);

    public bool KubernetesVersionChanges => KubernetesVersionTo is not null && KubernetesVersionFrom != KubernetesVersionTo;
}
