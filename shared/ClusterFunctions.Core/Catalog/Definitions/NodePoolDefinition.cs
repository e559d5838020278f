namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>An AKS agent pool as the catalog declares it.</summary>
public sealed record NodePoolDefinition(
    string Name,
    string Mode,
    string VmSize,
    int MinCount,
    int MaxCount,
    bool Gpu,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> Taints);
