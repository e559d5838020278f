namespace ClusterFunctions.Kubernetes;

/// <summary>
/// The kind-to-URL table for every kind the catalog may use. A static table rather than discovery:
/// the set is closed (the catalog validator refuses other kinds) and it saves a round trip per apply.
/// </summary>
public static class ResourceKinds
{
    /// <summary>Every kind, in the order prune deletes them: access policies first, namespaces last.</summary>
    public static readonly IReadOnlyList<ResourceKind> All =
    [
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true),
        new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
        new("batch", "v1", "CronJob", "cronjobs", true),
        new("batch", "v1", "Job", "jobs", true),
        new("apps", "v1", "Deployment", "deployments", true),
        new("apps", "v1", "StatefulSet", "statefulsets", true),
        new("apps", "v1", "DaemonSet", "daemonsets", true),
        new("", "v1", "Service", "services", true),
        new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true),
        new("", "v1", "ConfigMap", "configmaps", true),
        new("", "v1", "Secret", "secrets", true),
        new("", "v1", "ServiceAccount", "serviceaccounts", true),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
        new("", "v1", "LimitRange", "limitranges", true),
        new("", "v1", "ResourceQuota", "resourcequotas", true),
        new("", "v1", "Namespace", "namespaces", false),
    ];

    /// <summary>The kind for an apiVersion and kind, or a clear error naming both.</summary>
    public static ResourceKind Find(string apiVersion, string kind) =>
        All.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind)
        ?? throw new ArgumentException(
            $"apiVersion \"{apiVersion}\" kind \"{kind}\" is not a kind the apply engine supports (supported: {string.Join(", ", All.Select(k => $"{k.ApiVersion}/{k.Kind}"))}).",
            nameof(kind));
}
