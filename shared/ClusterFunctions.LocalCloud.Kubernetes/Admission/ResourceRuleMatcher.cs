using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Selectors;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;

namespace ClusterFunctions.LocalCloud.Kubernetes.Admission;

/// <summary>Decides whether a MatchResources block (rules, exclusions, namespace and object selectors) covers a request.</summary>
internal static class ResourceRuleMatcher
{
    public static bool Matches(JsonObject? match, AdmissionRequest request, ObjectStore store)
    {
        if (match is null)
        {
            return true;
        }

        var rules = match["resourceRules"] as JsonArray;
        if (rules is not null && !rules.OfType<JsonObject>().Any(r => RuleMatches(r, request)))
        {
            return false;
        }

        if ((match["excludeResourceRules"] as JsonArray ?? []).OfType<JsonObject>().Any(r => RuleMatches(r, request)))
        {
            return false;
        }

        var objectSelector = LabelSelector.FromObject(match["objectSelector"] as JsonObject);
        if (!objectSelector.Matches(request.Object ?? []) && !(request.OldObject is { } old && objectSelector.Matches(old)))
        {
            return false;
        }

        if (match["namespaceSelector"] is JsonObject namespaceSelector)
        {
            var selector = LabelSelector.FromObject(namespaceSelector);
            if (request.Type.Kind == "Namespace")
            {
                return selector.Matches(request.Object ?? request.OldObject ?? []);
            }

            if (request.Namespace is not null)
            {
                return selector.Matches(store.Get(ResourceTypes.Namespaces, null, request.Namespace) ?? []);
            }
        }

        return true;
    }

    private static bool RuleMatches(JsonObject rule, AdmissionRequest request)
    {
        var scope = rule["scope"]?.GetValue<string>() ?? "*";
        var scopeMatches = scope == "*" || (scope == "Namespaced") == request.Type.Namespaced;
        return scopeMatches
            && Has(rule["operations"], request.Operation)
            && Has(rule["apiGroups"], request.Type.Group)
            && Has(rule["apiVersions"], request.Type.Version)
            && Has(rule["resources"], request.Type.Plural)
            && (rule["resourceNames"] is not JsonArray names || names.Count == 0 || names.Any(n => n?.GetValue<string>() == request.Name));
    }

    private static bool Has(JsonNode? list, string value) =>
        (list as JsonArray ?? []).Any(v => v?.GetValue<string>() is "*" || v?.GetValue<string>() == value);
}
