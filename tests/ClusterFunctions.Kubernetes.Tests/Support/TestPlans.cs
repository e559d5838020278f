using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Kubernetes.Tests.Support;

/// <summary>Builds plans and manifests the way the renderer stamps them, for tests that do not need the catalog.</summary>
internal static class TestPlans
{
    public const string Cluster = "c1";

    public static KubernetesManifest Manifest(string bundle, string apiVersion, string kind, string? ns, string name, JsonObject? extra = null, string cluster = Cluster)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject
            {
                [InventoryLabels.ManagedBy] = InventoryLabels.ManagedByValue,
                [InventoryLabels.Cluster] = cluster,
                [InventoryLabels.Bundle] = bundle,
            },
            ["annotations"] = new JsonObject { [InventoryLabels.RequestIdAnnotation] = "req-1", [InventoryLabels.ProfileVersionAnnotation] = "v1" },
        };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        var body = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return new KubernetesManifest(apiVersion, kind, ns, name, body.ToJsonString());
    }

    public static KubernetesManifest Namespace(string bundle, string name, string enforce = "restricted") =>
        Manifest(bundle, "v1", "Namespace", null, name).WithLabel("pod-security.kubernetes.io/enforce", enforce);

    public static KubernetesManifest Deployment(string bundle, string ns, string name, bool compliant = true, int replicas = 1) =>
        Manifest(bundle, "apps/v1", "Deployment", ns, name, new JsonObject { ["spec"] = WorkloadSpec(name, compliant, replicas) });

    public static KubernetesManifest StatefulSet(string bundle, string ns, string name, bool compliant = true) =>
        Manifest(bundle, "apps/v1", "StatefulSet", ns, name, new JsonObject { ["spec"] = WorkloadSpec(name, compliant, 1) });

    public static KubernetesManifest ConfigMap(string bundle, string ns, string name, string value = "a") =>
        Manifest(bundle, "v1", "ConfigMap", ns, name, new JsonObject { ["data"] = new JsonObject { ["key"] = value } });

    public static KubernetesManifest WithLabel(this KubernetesManifest manifest, string key, string value)
    {
        var body = JsonNode.Parse(manifest.Json)!.AsObject();
        body["metadata"]!["labels"]![key] = value;
        return manifest with { Json = body.ToJsonString() };
    }

    public static ClusterPlan Plan(params ManifestLevel[] levels) => new(
        "req-1", Cluster, "test", "v1",
        new InfrastructurePlan(InfrastructureProviders.Existing, null, new ExistingClusterPlan("/dev/null", null)),
        levels, FailurePolicy.Keep);

    public static ManifestLevel Level(int order, PlanStage stage, params BundlePlan[] bundles) => new(order, stage, bundles);

    public static BundlePlan Bundle(string name, params KubernetesManifest[] manifests) => new(name, [], null, manifests);

    private static JsonObject WorkloadSpec(string name, bool compliant, int replicas)
    {
        var container = new JsonObject { ["name"] = name, ["image"] = "example/app:1" };
        if (compliant)
        {
            container["securityContext"] = new JsonObject
            {
                ["allowPrivilegeEscalation"] = false,
                ["runAsNonRoot"] = true,
                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
            };
        }
        else
        {
            container["securityContext"] = new JsonObject { ["privileged"] = true };
        }

        return new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
            },
        };
    }
}
