namespace ClusterFunctions.Core.Upgrades;

/// <summary>
/// The Kubernetes objects an upgrade touches, as "Kind namespace/name": missing from the cluster (create), different
/// from what the new plan says (change), or in the old plan and not the new one (delete, by the prune).
/// </summary>
/// <param name="Restamped">Objects whose only difference is the profile-version annotation every object carries.</param>
public sealed record ManifestChanges(IReadOnlyList<string> Create, IReadOnlyList<string> Change, IReadOnlyList<string> Delete, int Restamped);
