using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.State;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>The managed cluster as AKS returns it: the PUT body plus id, type and the read-only properties AKS adds.</summary>
internal static class ManagedClusterView
{
    public static JsonObject Build(EmulatedCluster cluster)
    {
        var body = (JsonObject)cluster.Body.DeepClone();
        var view = new JsonObject
        {
            ["id"] = cluster.ResourceId,
            ["name"] = cluster.Name,
            ["type"] = "Microsoft.ContainerService/ManagedClusters",
        };
        foreach (var key in body.Select(p => p.Key).ToList())
        {
            var value = body[key];
            body.Remove(key);
            view[key] = value;
        }

        if (view["identity"] is JsonObject identity && ManagedClusterValidator.Text(identity["type"]) == "SystemAssigned")
        {
            identity["principalId"] = DeterministicGuid(cluster.ResourceId + "/principal");
            identity["tenantId"] = DeterministicGuid(cluster.SubscriptionId + "/tenant");
        }

        var properties = view["properties"] as JsonObject ?? [];
        view["properties"] = properties;
        var version = ManagedClusterValidator.Text(properties["kubernetesVersion"]) ?? KubernetesVersionRules.DefaultVersion;
        properties["provisioningState"] = cluster.ProvisioningState;
        properties["powerState"] = new JsonObject { ["code"] = cluster.PowerState };
        properties["currentKubernetesVersion"] = version;
        properties["fqdn"] = cluster.Fqdn;
        properties["azurePortalFQDN"] = cluster.Fqdn.Replace(".hcp.", ".portal.hcp.", StringComparison.Ordinal);
        properties["nodeResourceGroup"] = $"MC_{cluster.ResourceGroup}_{cluster.Name}_{ManagedClusterValidator.Text(view["location"])}";
        properties["maxAgentPools"] = 100;
        if (cluster.ProvisioningState == "Failed" && cluster.Operation?.Failure is { } failure)
        {
            // AKS reports why the last operation failed in properties.status.provisioningError.
            properties["status"] = new JsonObject
            {
                ["provisioningError"] = new JsonObject { ["code"] = failure.Code, ["message"] = failure.Message },
            };
        }

        if (properties["agentPoolProfiles"] is JsonArray pools)
        {
            foreach (var pool in pools.OfType<JsonObject>())
            {
                AddPoolState(pool, cluster, version);
            }
        }

        return view;
    }

    /// <summary>One agentPools resource as AKS returns it on its own (GET or PUT .../agentPools/NAME).</summary>
    public static JsonObject BuildPool(EmulatedCluster cluster, JsonObject profile)
    {
        var properties = (JsonObject)profile.DeepClone();
        var name = ManagedClusterValidator.Text(properties["name"]);
        properties.Remove("name");
        AddPoolState(properties, cluster, KubernetesVersionRules.ControlPlaneVersion(cluster.Body));
        return new JsonObject
        {
            ["id"] = $"{cluster.ResourceId}/agentPools/{name}",
            ["name"] = name,
            ["type"] = "Microsoft.ContainerService/managedClusters/agentPools",
            ["properties"] = properties,
        };
    }

    // A pool runs the version it was last given; the emulator moves all of a cluster's pools through its one operation.
    private static void AddPoolState(JsonObject pool, EmulatedCluster cluster, string controlPlane)
    {
        var version = KubernetesVersionRules.PoolVersion(pool, controlPlane);
        pool["provisioningState"] = cluster.ProvisioningState;
        pool["powerState"] = new JsonObject { ["code"] = cluster.PowerState };
        pool["orchestratorVersion"] = version;
        pool["currentOrchestratorVersion"] = version;
    }

    private static string DeterministicGuid(string seed) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(seed))).ToString();
}
