namespace ClusterFunctions.Core.Ports;

/// <summary>The managed objects a prune deleted because the plan no longer contains them.</summary>
public sealed record PruneResult(IReadOnlyList<KubernetesObjectRef> Deleted);
