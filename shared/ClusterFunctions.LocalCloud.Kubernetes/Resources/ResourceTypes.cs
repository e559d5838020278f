namespace ClusterFunctions.LocalCloud.Kubernetes.Resources;

/// <summary>The static table of resources the emulator serves: every kind the catalog uses, plus what kubectl needs.</summary>
internal static class ResourceTypes
{
    public static readonly IReadOnlyList<ResourceType> All =
    [
        new("", "v1", "Namespace", "namespaces", false, ["ns"]),
        new("", "v1", "ServiceAccount", "serviceaccounts", true, ["sa"]),
        new("", "v1", "ConfigMap", "configmaps", true, ["cm"]),
        new("", "v1", "Secret", "secrets", true, []),
        new("", "v1", "Service", "services", true, ["svc"]),
        new("", "v1", "Pod", "pods", true, ["po"]),
        new("", "v1", "ResourceQuota", "resourcequotas", true, ["quota"]),
        new("", "v1", "LimitRange", "limitranges", true, ["limits"]),
        new("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"]),
        new("", "v1", "Event", "events", true, ["ev"]),
        new("apps", "v1", "Deployment", "deployments", true, ["deploy"]),
        new("apps", "v1", "StatefulSet", "statefulsets", true, ["sts"]),
        new("apps", "v1", "DaemonSet", "daemonsets", true, ["ds"]),
        new("batch", "v1", "Job", "jobs", true, []),
        new("batch", "v1", "CronJob", "cronjobs", true, ["cj"]),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true, []),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, []),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, []),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, []),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", false, []),
        new("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", false, []),
        new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"]),
        new("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"]),
        new("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, [], Stored: false),
        new("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, [], Stored: false),
        new("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false, [], Stored: false),
    ];

    /// <summary>Group versions in discovery order (the core group is served under /api, not /apis).</summary>
    public static IEnumerable<(string Group, string Version)> GroupVersions =>
        All.Where(t => t.Group.Length > 0).Select(t => (t.Group, t.Version)).Distinct();

    public static ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public static ResourceType? FindByKind(string group, string kind) =>
        All.FirstOrDefault(t => t.Group == group && t.Kind == kind);

    public static ResourceType Namespaces => All[0];

    /// <summary>Subresources listed in discovery so kubectl can resolve e.g. "pods/exec" in auth can-i.</summary>
    public static readonly IReadOnlyList<(string Parent, string Sub, string Kind, string[] Verbs)> Subresources =
    [
        ("pods", "exec", "PodExecOptions", ["create", "get"]),
        ("pods", "log", "Pod", ["get"]),
        ("pods", "portforward", "PodPortForwardOptions", ["create", "get"]),
        ("deployments", "scale", "Scale", ["get", "patch", "update"]),
        ("deployments", "status", "Deployment", ["get", "patch", "update"]),
        ("statefulsets", "scale", "Scale", ["get", "patch", "update"]),
        ("statefulsets", "status", "StatefulSet", ["get", "patch", "update"]),
    ];
}
