namespace ClusterFunctions.Core.Ports;

/// <summary>Identifies one Kubernetes object.</summary>
public sealed record KubernetesObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary>"Deployment ai/model-serving" or "Namespace ai".</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
