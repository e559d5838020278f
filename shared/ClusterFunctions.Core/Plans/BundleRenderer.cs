using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Policies;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Turns a bundle's manifest templates into plan objects: fills parameters, places namespaced objects
/// in their namespace, stamps inventory labels, and checks kind, name, namespace and Pod Security.
/// </summary>
internal sealed class BundleRenderer(
    ObjectStamp stamp,
    IReadOnlyDictionary<string, PodSecurityLevel?> namespaceLevels,
    ICollection<CatalogProblem> problems)
{
    public List<KubernetesManifest> Render(string bundle, string file, JsonArray templates, string? defaultNamespace, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var manifests = new List<KubernetesManifest>();
        for (var i = 0; i < templates.Count; i++)
        {
            var path = $"manifests[{i}]";
            void Problem(string at, string message) => problems.Add(new CatalogProblem(file, at, message));

            if (ManifestTemplate.Fill(templates[i], values, path, Problem) is not JsonObject manifest)
            {
                Problem(path, "must be a Kubernetes object (a mapping with apiVersion, kind and metadata.name)");
                continue;
            }

            var apiVersion = Text(manifest["apiVersion"]);
            var kind = Text(manifest["kind"]);
            var name = Text(manifest["metadata"]?["name"]);
            if (apiVersion is null || kind is null || name is null)
            {
                Problem(path, "must have apiVersion, kind and metadata.name as strings");
                continue;
            }

            if (KubernetesKinds.IsNamespaced(apiVersion, kind) is not { } namespaced)
            {
                Problem($"{path}.kind", $"unsupported kind {apiVersion}/{kind} (supported: {string.Join(", ", KubernetesKinds.Supported)})");
                continue;
            }

            if (!NameRules.IsDns1123Subdomain(name))
            {
                Problem($"{path}.metadata.name", NameRules.Dns1123SubdomainRule);
            }

            var ns = Text(manifest["metadata"]?["namespace"]);
            if (namespaced)
            {
                ns ??= defaultNamespace;
                if (ns is null || !namespaceLevels.ContainsKey(ns))
                {
                    Problem($"{path}.metadata.namespace", ns is null
                        ? "is required for a namespaced kind in a policy bundle"
                        : $"namespace '{ns}' is not created by this plan (namespaces: {string.Join(", ", namespaceLevels.Keys)})");
                    continue;
                }

                manifest["metadata"]!["namespace"] = ns;
                if (namespaceLevels[ns] is { } level)
                {
                    foreach (var violation in PodSecurityEvaluator.Evaluate(manifest, level))
                    {
                        Problem($"{path}.{violation}", $"would be refused by Pod Security Admission in namespace '{ns}'");
                    }
                }
            }
            else if (ns is not null)
            {
                Problem($"{path}.metadata.namespace", $"must not be set: {kind} is cluster-scoped");
                ns = null;
            }

            stamp.Apply(manifest, bundle);
            manifests.Add(new KubernetesManifest(apiVersion, kind, ns, name, CanonicalJson.Serialize(manifest)));
        }

        return manifests;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
