namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>Raised when a non-forced apply would take fields another manager owns with a different value.</summary>
internal sealed class FieldConflictException(IReadOnlyList<FieldConflict> conflicts)
    : Exception($"Apply failed with {conflicts.Count} conflict(s)")
{
    public IReadOnlyList<FieldConflict> Conflicts { get; } = conflicts;
}
