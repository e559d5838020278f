namespace ClusterFunctions.Core.Plans;

/// <summary>A cluster the user already has, reached through a kubeconfig file (never copied into the plan).</summary>
/// <param name="KubeconfigPath">Path of the kubeconfig file on the machine running the activities.</param>
/// <param name="Context">Context in that file; the current context when null.</param>
public sealed record ExistingClusterPlan(string KubeconfigPath, string? Context);
