using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Selectors;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;

namespace ClusterFunctions.LocalCloud.Kubernetes.Auth;

/// <summary>
/// The RBAC authorizer over the stored Roles, ClusterRoles and their bindings (with ClusterRole
/// aggregation), answering requests and SubjectAccessReviews the way kube-apiserver's does.
/// </summary>
internal sealed class RbacAuthorizer(ObjectStore store)
{
    private static readonly ResourceType Roles = ResourceTypes.FindByKind("rbac.authorization.k8s.io", "Role")!;
    private static readonly ResourceType RoleBindings = ResourceTypes.FindByKind("rbac.authorization.k8s.io", "RoleBinding")!;
    private static readonly ResourceType ClusterRoles = ResourceTypes.FindByKind("rbac.authorization.k8s.io", "ClusterRole")!;
    private static readonly ResourceType ClusterRoleBindings = ResourceTypes.FindByKind("rbac.authorization.k8s.io", "ClusterRoleBinding")!;

    public AuthorizationDecision Authorize(EmulatorIdentity identity, ResourceAttributes request)
    {
        if (identity.IsMaster)
        {
            return new(true, "");
        }

        lock (store.SyncRoot)
        {
            foreach (var binding in store.List(ClusterRoleBindings, null).Items)
            {
                if (Check(identity, request, binding, null) is { } reason)
                {
                    return new(true, reason);
                }
            }

            if (!string.IsNullOrEmpty(request.Namespace))
            {
                foreach (var binding in store.List(RoleBindings, request.Namespace).Items)
                {
                    if (Check(identity, request, binding, request.Namespace) is { } reason)
                    {
                        return new(true, reason);
                    }
                }
            }
        }

        return new(false, "");
    }

    /// <summary>Every rule that applies to the identity in a namespace (SelfSubjectRulesReview, kubectl auth can-i --list).</summary>
    public List<JsonObject> RulesFor(EmulatorIdentity identity, string ns)
    {
        if (identity.IsMaster)
        {
            return [new JsonObject { ["verbs"] = new JsonArray("*"), ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*") }];
        }

        lock (store.SyncRoot)
        {
            var bindings = store.List(ClusterRoleBindings, null).Items.Select(b => (Binding: b, Namespace: (string?)null))
                .Concat(store.List(RoleBindings, ns).Items.Select(b => (Binding: b, Namespace: (string?)ns)));
            return [.. bindings
                .Where(b => (b.Binding["subjects"] as JsonArray ?? []).OfType<JsonObject>().Any(s => SubjectMatches(identity, s, b.Namespace)))
                .SelectMany(b => RulesOf(b.Binding, b.Namespace))
                .Select(r => (JsonObject)r.DeepClone())];
        }
    }

    private IEnumerable<JsonObject> RulesOf(JsonObject binding, string? bindingNamespace)
    {
        var roleName = binding["roleRef"]?["name"]?.GetValue<string>() ?? "";
        return binding["roleRef"]?["kind"]?.GetValue<string>() == "Role" && bindingNamespace is not null
            ? Rules(store.Get(Roles, bindingNamespace, roleName))
            : ClusterRoleRules(roleName);
    }

    private string? Check(EmulatorIdentity identity, ResourceAttributes request, JsonObject binding, string? bindingNamespace)
    {
        var subject = (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(s => SubjectMatches(identity, s, bindingNamespace));
        if (subject is null)
        {
            return null;
        }

        var roleKind = binding["roleRef"]?["kind"]?.GetValue<string>();
        var roleName = binding["roleRef"]?["name"]?.GetValue<string>() ?? "";
        if (!RulesOf(binding, bindingNamespace).Any(r => RuleMatches(r, request)))
        {
            return null;
        }

        var bindingKind = bindingNamespace is null ? "ClusterRoleBinding" : "RoleBinding";
        var bindingName = binding["metadata"]?["name"]?.GetValue<string>();
        var shown = bindingNamespace is null ? bindingName : $"{bindingName}/{bindingNamespace}";
        return $"RBAC: allowed by {bindingKind} \"{shown}\" of {roleKind} \"{roleName}\" to {subject["kind"]} \"{subject["name"]}\"";
    }

    private IEnumerable<JsonObject> ClusterRoleRules(string name)
    {
        var role = store.Get(ClusterRoles, null, name);
        if (role is null)
        {
            return [];
        }

        var rules = Rules(role).ToList();
        foreach (var selector in (role["aggregationRule"]?["clusterRoleSelectors"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var match = LabelSelector.FromObject(selector);
            rules.AddRange(store.List(ClusterRoles, null).Items.Where(match.Matches).SelectMany(Rules));
        }

        return rules;
    }

    private static IEnumerable<JsonObject> Rules(JsonObject? role) =>
        (role?["rules"] as JsonArray ?? []).OfType<JsonObject>();

    private static bool SubjectMatches(EmulatorIdentity identity, JsonObject subject, string? bindingNamespace)
    {
        var name = subject["name"]?.GetValue<string>();
        return subject["kind"]?.GetValue<string>() switch
        {
            "User" => name == identity.UserName,
            "Group" => name is not null && identity.Groups.Contains(name),
            "ServiceAccount" => identity.UserName ==
                $"system:serviceaccount:{subject["namespace"]?.GetValue<string>() ?? bindingNamespace}:{name}",
            _ => false,
        };
    }

    private static bool RuleMatches(JsonObject rule, ResourceAttributes request)
    {
        var resource = request.Subresource is null ? request.Resource : $"{request.Resource}/{request.Subresource}";
        var names = Strings(rule["resourceNames"]);
        return Has(rule["verbs"], request.Verb)
            && Has(rule["apiGroups"], request.Group)
            && (Has(rule["resources"], resource) || (request.Subresource is not null && Strings(rule["resources"]).Contains($"*/{request.Subresource}")))
            && (names.Count == 0 || (request.Name is not null && names.Contains(request.Name)));
    }

    private static bool Has(JsonNode? list, string value)
    {
        var values = Strings(list);
        return values.Contains("*") || values.Contains(value);
    }

    private static List<string> Strings(JsonNode? list) =>
        (list as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? "").ToList();
}
