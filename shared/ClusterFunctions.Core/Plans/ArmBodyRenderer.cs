using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>Renders the ARM PUT body of a Microsoft.ContainerService/managedClusters resource.</summary>
public static class ArmBodyRenderer
{
    /// <summary>Pinned so a new service default (often a preview) cannot change what "create" does.</summary>
    public const string ApiVersion = "2025-08-01";

    public static JsonObject Render(InfrastructureDefinition infrastructure, string clusterName, IReadOnlyDictionary<string, string> tags)
    {
        var tagObject = new JsonObject();
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tagObject[key] = value;
        }

        return new JsonObject
        {
            ["location"] = infrastructure.Region,
            ["tags"] = tagObject,
            ["sku"] = new JsonObject { ["name"] = "Base", ["tier"] = infrastructure.Tier },
            ["identity"] = new JsonObject { ["type"] = "SystemAssigned" },
            ["properties"] = new JsonObject
            {
                ["kubernetesVersion"] = infrastructure.KubernetesVersion,
                ["dnsPrefix"] = clusterName,
                ["enableRBAC"] = true,
                ["disableLocalAccounts"] = false,
                ["networkProfile"] = new JsonObject
                {
                    ["networkPlugin"] = "azure",
                    ["networkPluginMode"] = "overlay",
                    ["networkPolicy"] = infrastructure.NetworkPolicy,
                    ["networkDataplane"] = infrastructure.NetworkPolicy == "cilium" ? "cilium" : "azure",
                },
                ["autoScalerProfile"] = new JsonObject
                {
                    ["expander"] = "least-waste",
                    ["scan-interval"] = "20s",
                    ["scale-down-unneeded-time"] = "10m",
                },
                ["agentPoolProfiles"] = new JsonArray(infrastructure.NodePools.Select(Pool).ToArray()),
            },
        };
    }

    public static NodePoolPlan Summarise(NodePoolDefinition pool) =>
        new(pool.Name, pool.Mode, pool.VmSize, pool.MinCount, pool.MaxCount, pool.Gpu, pool.Taints);

    private static JsonNode Pool(NodePoolDefinition pool)
    {
        var body = new JsonObject
        {
            ["name"] = pool.Name,
            ["mode"] = pool.Mode,
            ["vmSize"] = pool.VmSize,
            ["osType"] = "Linux",
            ["type"] = "VirtualMachineScaleSets",
            ["enableAutoScaling"] = true,
            ["count"] = pool.MinCount,
            ["minCount"] = pool.MinCount,
            ["maxCount"] = pool.MaxCount,
        };
        if (pool.Labels.Count > 0)
        {
            body["nodeLabels"] = new JsonObject(pool.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        if (pool.Taints.Count > 0)
        {
            body["nodeTaints"] = new JsonArray(pool.Taints.Select(t => (JsonNode)t).ToArray());
        }

        if (pool.Gpu)
        {
            body["gpuProfile"] = new JsonObject { ["driver"] = "Install" };
        }

        return body;
    }
}
