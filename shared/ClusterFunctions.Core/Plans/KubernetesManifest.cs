namespace ClusterFunctions.Core.Plans;

/// <summary>One Kubernetes object of a plan: its identity and its full body as canonical JSON.</summary>
/// <param name="ApiVersion">e.g. "apps/v1" or "v1".</param>
/// <param name="Kind">e.g. "Deployment".</param>
/// <param name="Namespace">Null for cluster-scoped kinds.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Json">The object (apiVersion, kind, metadata, spec...) serialised with sorted keys.</param>
public sealed record KubernetesManifest(string ApiVersion, string Kind, string? Namespace, string Name, string Json);
