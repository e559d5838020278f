namespace ClusterFunctions.Core.Plans;

/// <summary>Names one workload (Deployment or StatefulSet) by kind, namespace and name.</summary>
public sealed record WorkloadRef(string Kind, string Namespace, string Name);
