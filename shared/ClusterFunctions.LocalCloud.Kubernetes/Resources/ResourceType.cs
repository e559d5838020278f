namespace ClusterFunctions.LocalCloud.Kubernetes.Resources;

/// <summary>One REST resource the emulator serves, as discovery describes it.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group.</param>
/// <param name="Kind">Object kind, e.g. "Deployment".</param>
/// <param name="Plural">URL segment, e.g. "deployments".</param>
/// <param name="Namespaced">Whether objects live inside a namespace.</param>
/// <param name="ShortNames">kubectl short names, e.g. "deploy".</param>
/// <param name="Stored">False for virtual resources (access reviews) that are created but never kept.</param>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    bool Stored = true)
{
    /// <summary>"apps/v1", or "v1" for the core group.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Key that identifies the resource independent of version, e.g. "apps/deployments".</summary>
    public string Id => $"{Group}/{Plural}";

    /// <summary>How kube-apiserver names the resource in messages: "configmaps" or "deployments.apps".</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Lower-case kind, as discovery's singularName.</summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Whether writes keep the stored status instead of the body's (types with a status subresource).</summary>
    public bool HasStatus => Kind is "Deployment" or "StatefulSet" or "Namespace" or "Service" or "PodDisruptionBudget"
        or "HorizontalPodAutoscaler" or "ResourceQuota" or "Pod" or "ValidatingAdmissionPolicy";
}
