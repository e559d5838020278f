using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Kubernetes.Apply;

/// <summary>
/// Checks a manifest before it is sent: the body must agree with the manifest record and carry the
/// inventory labels, because prune finds what the engine owns by those labels alone.
/// </summary>
internal static class ManifestChecks
{
    public static JsonObject Parse(KubernetesManifest manifest, ResourceKind kind, string clusterName, string bundle)
    {
        var where = manifest.Namespace is null ? $"{manifest.Kind} {manifest.Name}" : $"{manifest.Kind} {manifest.Namespace}/{manifest.Name}";
        JsonObject body;
        try
        {
            body = JsonNode.Parse(manifest.Json) as JsonObject ?? throw new ArgumentException($"manifest {where}: Json must be a JSON object.", nameof(manifest));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"manifest {where}: Json is not valid JSON ({e.Message}).", nameof(manifest), e);
        }

        Require(where, "apiVersion", body["apiVersion"]?.GetValue<string>(), manifest.ApiVersion);
        Require(where, "kind", body["kind"]?.GetValue<string>(), manifest.Kind);
        Require(where, "metadata.name", body["metadata"]?["name"]?.GetValue<string>(), manifest.Name);
        if (kind.Namespaced != (manifest.Namespace is not null))
        {
            throw new ArgumentException(
                $"manifest {where}: Namespace must be {(kind.Namespaced ? "set" : "null")} because {kind.Kind} is {(kind.Namespaced ? "namespaced" : "cluster-scoped")}.", nameof(manifest));
        }

        if (kind.Namespaced)
        {
            Require(where, "metadata.namespace", body["metadata"]?["namespace"]?.GetValue<string>(), manifest.Namespace!);
        }

        var labels = body["metadata"]?["labels"];
        Require(where, $"metadata.labels[{InventoryLabels.ManagedBy}]", labels?[InventoryLabels.ManagedBy]?.GetValue<string>(), InventoryLabels.ManagedByValue);
        Require(where, $"metadata.labels[{InventoryLabels.Cluster}]", labels?[InventoryLabels.Cluster]?.GetValue<string>(), clusterName);
        Require(where, $"metadata.labels[{InventoryLabels.Bundle}]", labels?[InventoryLabels.Bundle]?.GetValue<string>(), bundle);
        foreach (var annotation in new[] { InventoryLabels.RequestIdAnnotation, InventoryLabels.ProfileVersionAnnotation })
        {
            if (string.IsNullOrEmpty(body["metadata"]?["annotations"]?[annotation]?.GetValue<string>()))
            {
                throw new ArgumentException(
                    $"manifest {where}: metadata.annotations[{annotation}] is required (it records which request and profile version the object came from).", "manifest");
            }
        }

        return body;
    }

    private static void Require(string where, string field, string? actual, string expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"manifest {where}: {field} must be \"{expected}\" but is {(actual is null ? "missing" : $"\"{actual}\"")} (the engine finds and prunes its objects by identity and inventory labels).",
                "manifest");
        }
    }
}
