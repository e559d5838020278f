namespace ClusterFunctions.Core.Upgrades;

/// <summary>What upgrading one cluster from its recorded plan to the profile's current plan changes, in ARM and in Kubernetes.</summary>
/// <param name="ClusterName">The cluster.</param>
/// <param name="FromVersion">The profile version of the plan last applied to it.</param>
/// <param name="ToVersion">The profile version it is upgraded to.</param>
/// <param name="Infrastructure">The managed cluster's changes (none for an existing cluster).</param>
/// <param name="Manifests">The Kubernetes objects to create, change and delete.</param>
public sealed record ClusterUpgradeDiff(string ClusterName, string FromVersion, string ToVersion, InfrastructureChanges Infrastructure, ManifestChanges Manifests)
{
    /// <summary>The diff with each list of objects cut to <paramref name="names"/> names and a last "… and N more".</summary>
    public ClusterUpgradeDiff Trimmed(int names) => this with
    {
        Manifests = Manifests with { Create = Cut(Manifests.Create, names), Change = Cut(Manifests.Change, names), Delete = Cut(Manifests.Delete, names) },
    };

    private static IReadOnlyList<string> Cut(IReadOnlyList<string> list, int names) =>
        list.Count <= names ? list : [.. list.Take(names), $"… and {list.Count - names} more"];
}
