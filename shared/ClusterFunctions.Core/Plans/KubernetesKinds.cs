namespace ClusterFunctions.Core.Plans;

/// <summary>The Kubernetes kinds a catalog may contain, with whether each is namespaced.</summary>
public static class KubernetesKinds
{
    private static readonly Dictionary<string, bool> Namespaced = new(StringComparer.Ordinal)
    {
        ["v1/Namespace"] = false,
        ["v1/ServiceAccount"] = true,
        ["v1/ConfigMap"] = true,
        ["v1/Secret"] = true,
        ["v1/Service"] = true,
        ["v1/ResourceQuota"] = true,
        ["v1/LimitRange"] = true,
        ["v1/PersistentVolumeClaim"] = true,
        ["apps/v1/Deployment"] = true,
        ["apps/v1/StatefulSet"] = true,
        ["apps/v1/DaemonSet"] = true,
        ["batch/v1/Job"] = true,
        ["batch/v1/CronJob"] = true,
        ["policy/v1/PodDisruptionBudget"] = true,
        ["autoscaling/v2/HorizontalPodAutoscaler"] = true,
        ["networking.k8s.io/v1/NetworkPolicy"] = true,
        ["rbac.authorization.k8s.io/v1/Role"] = true,
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = true,
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = false,
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = false,
        ["admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy"] = false,
        ["admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding"] = false,
    };

    public static IEnumerable<string> Supported => Namespaced.Keys.Order(StringComparer.Ordinal);

    /// <summary>True or false for a supported kind; null when the catalog may not use it.</summary>
    public static bool? IsNamespaced(string apiVersion, string kind) =>
        Namespaced.TryGetValue($"{apiVersion}/{kind}", out var namespaced) ? namespaced : null;

    /// <summary>Admission policies lock the cluster, so the renderer applies them after everything else.</summary>
    public static bool IsAdmissionPolicy(string kind) => kind.StartsWith("ValidatingAdmissionPolicy", StringComparison.Ordinal);
}
