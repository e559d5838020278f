using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Auth;

/// <summary>
/// What a fresh cluster already has: the system namespaces and the user-facing ClusterRoles
/// (cluster-admin, admin, edit, view) that bindings in the catalog may refer to. The role rules
/// are a faithful subset of the real bootstrap policy for the resources the emulator serves.
/// </summary>
internal static class BootstrapObjects
{
    private static readonly string[] ReadVerbs = ["get", "list", "watch"];
    private static readonly string[] WriteVerbs = ["create", "delete", "deletecollection", "patch", "update"];

    public static IEnumerable<string> Namespaces => ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", Rule(["*"], ["*"], ["*"]));

        var editRules = EditRules().ToArray();
        yield return Role("edit", editRules);
        yield return Role("admin", [.. editRules,
            Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], [.. ReadVerbs, .. WriteVerbs]),
            Rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"])]);
        yield return Role("view", [.. ViewRules()]);
    }

    private static IEnumerable<JsonObject> EditRules()
    {
        string[] all = [.. ReadVerbs, .. WriteVerbs];
        yield return Rule([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], all);
        yield return Rule([""], ["configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers", "secrets", "serviceaccounts", "services", "services/proxy", "events"], all);
        yield return Rule(["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"], all);
        yield return Rule(["autoscaling"], ["horizontalpodautoscalers"], all);
        yield return Rule(["batch"], ["cronjobs", "jobs"], all);
        yield return Rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], all);
        yield return Rule(["policy"], ["poddisruptionbudgets"], all);
        yield return Rule([""], ["serviceaccounts/token"], ["create"]);
        foreach (var rule in ViewRules())
        {
            yield return rule;
        }
    }

    private static IEnumerable<JsonObject> ViewRules()
    {
        yield return Rule([""], ["configmaps", "endpoints", "persistentvolumeclaims", "pods", "pods/log", "pods/status", "replicationcontrollers", "services", "serviceaccounts", "events", "limitranges", "resourcequotas", "namespaces", "namespaces/status"], ReadVerbs);
        yield return Rule(["apps"], ["daemonsets", "deployments", "deployments/scale", "replicasets", "statefulsets", "statefulsets/scale"], ReadVerbs);
        yield return Rule(["autoscaling"], ["horizontalpodautoscalers"], ReadVerbs);
        yield return Rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], ReadVerbs);
        yield return Rule(["policy"], ["poddisruptionbudgets"], ReadVerbs);
    }

    private static JsonObject Role(string name, params JsonObject[] rules) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRole",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        },
        ["rules"] = new JsonArray([.. rules.Select(r => r.DeepClone())]),
    };

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = Strings(groups),
        ["resources"] = Strings(resources),
        ["verbs"] = Strings(verbs),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
