namespace ClusterFunctions.Core.Upgrades;

/// <summary>What upgrading one cluster from its recorded plan to the profile's current plan changes, in ARM and in Kubernetes.</summary>
/// <param name="ClusterName">The cluster.</param>
/// <param name="FromVersion">The profile version of the plan last applied to it.</param>
/// <param name="ToVersion">The profile version it is upgraded to.</param>
/// <param name="Infrastructure">The managed cluster's changes (none for an existing cluster).</param>
/// <param name="Manifests">The Kubernetes objects to create, change and delete.</param>
public sealed record ClusterUpgradeDiff(string ClusterName, string FromVersion, string ToVersion, InfrastructureChanges Infrastructure, ManifestChanges Manifests);
