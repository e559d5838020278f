using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.Faults;
using ClusterFunctions.LocalCloud.Arm.State;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>
/// Microsoft.ContainerService/managedClusters/agentPools: GET one pool, PUT one pool (how AKS upgrades a pool's
/// orchestratorVersion, or changes or adds a pool). A PUT runs as an operation of the cluster, like AKS's, so it is
/// refused (409) while another runs, and is checked against the same rules as the cluster's own PUT.
/// </summary>
internal sealed class AgentPoolHandler(ArmState state, ArmEmulatorOptions options, ArmFaultInjector faults, ClusterLifecycle lifecycle, ManagedClusterHandler clusters)
{
    public async Task HandleAsync(HttpContext context, string subscriptionId, string resourceGroup, string clusterName, string poolName)
    {
        var id = ArmState.ClusterId(subscriptionId, resourceGroup, clusterName);
        if (state.Clusters.TryGetValue(id, out var cluster))
        {
            await lifecycle.AdvanceAsync(cluster, context.RequestAborted);
        }

        if (cluster is null || !state.Clusters.ContainsKey(id))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(404, "ResourceNotFound",
                $"The Resource 'Microsoft.ContainerService/managedClusters/{clusterName}' under resource group '{resourceGroup}' was not found."));
            return;
        }

        var pool = Pools(cluster.Body).FirstOrDefault(p => ManagedClusterValidator.Text(p["name"]) == poolName);
        switch (context.Request.Method)
        {
            case "GET" when pool is not null:
                await ArmResponses.JsonAsync(context, 200, ManagedClusterView.BuildPool(cluster, pool));
                break;
            case "GET":
                await ArmResponses.ErrorAsync(context, new ArmError(404, "NotFound", $"Agent pool '{poolName}' was not found in managed cluster '{clusterName}'."));
                break;
            case "PUT":
                await PutAsync(context, subscriptionId, cluster, poolName, created: pool is null);
                break;
            default:
                await ArmResponses.ErrorAsync(context, new ArmError(405, "MethodNotAllowed", $"{context.Request.Method} is not supported on agentPools."));
                break;
        }
    }

    private async Task PutAsync(HttpContext context, string subscriptionId, EmulatedCluster cluster, string poolName, bool created)
    {
        JsonObject? properties;
        try
        {
            properties = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?["properties"] as JsonObject;
        }
        catch (JsonException ex)
        {
            await ArmResponses.ErrorAsync(context, new ArmError(400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: {ex.Message}"));
            return;
        }

        if (properties is null)
        {
            await ArmResponses.ErrorAsync(context, ArmError.InvalidParameter("properties", "The 'properties' object of the agent pool is required."));
            return;
        }

        if (cluster.ProvisioningState is not ("Succeeded" or "Failed" or "Canceled"))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(409, "OperationNotAllowed",
                $"Operation is not allowed: Another operation ({cluster.ProvisioningState}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details"));
            return;
        }

        // The cluster as it would be with this pool, checked whole: a pool cannot break a rule the cluster's PUT keeps.
        var proposed = (JsonObject)cluster.Body.DeepClone();
        var pools = (JsonArray)proposed["properties"]!["agentPoolProfiles"]!;
        var profile = new JsonObject { ["name"] = poolName };
        foreach (var (key, value) in properties.Where(p => p.Key != "name"))
        {
            profile[key] = value?.DeepClone();
        }

        var index = pools.ToList().FindIndex(p => ManagedClusterValidator.Text(p?["name"]) == poolName);
        index = index < 0 ? Append(pools, profile) : Replace(pools, index, profile);
        var error = ManagedClusterValidator.Validate(proposed, options.Locations) ?? ManagedClusterValidator.ValidateUpdate(cluster.Body, proposed) ?? ClusterVersions.Apply(cluster.Body, proposed);
        if (error is not null)
        {
            // Named as the agentPools resource's own fields, not the cluster's.
            var prefix = $"properties.agentPoolProfiles[{index}].";
            await ArmResponses.ErrorAsync(context, error.Target?.StartsWith(prefix, StringComparison.Ordinal) == true ? error with { Target = "properties." + error.Target[prefix.Length..] } : error);
            return;
        }

        cluster.Body = proposed;
        var operation = lifecycle.StartOperation(cluster, OperationKind.Update, faults.TakeOperationFailure());
        clusters.AddOperationHeaders(context, subscriptionId, operation, withLocation: false);
        await ArmResponses.JsonAsync(context, created ? 201 : 200, ManagedClusterView.BuildPool(cluster, (JsonObject)pools[index]!));
    }

    private static IEnumerable<JsonObject> Pools(JsonObject body) => (body["properties"]?["agentPoolProfiles"] as JsonArray ?? []).OfType<JsonObject>();

    private static int Append(JsonArray pools, JsonObject profile)
    {
        pools.Add(profile);
        return pools.Count - 1;
    }

    private static int Replace(JsonArray pools, int index, JsonObject profile)
    {
        pools[index] = profile;
        return index;
    }
}
