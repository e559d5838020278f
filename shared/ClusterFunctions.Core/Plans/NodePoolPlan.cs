namespace ClusterFunctions.Core.Plans;

/// <summary>One AKS agent pool as rendered into the ARM body.</summary>
public sealed record NodePoolPlan(
    string Name,
    string Mode,
    string VmSize,
    int MinCount,
    int MaxCount,
    bool Gpu,
    IReadOnlyList<string> Taints);
