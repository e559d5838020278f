using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// Upgrades as AKS does them: the managed cluster is PUT with the new body while every existing pool keeps the version
/// it runs (a control-plane-only upgrade), then each pool is moved to the new version on its own agentPools resource.
/// </summary>
public sealed partial class AksClusterInfrastructure
{
    /// <inheritdoc />
    public Task<InfrastructureStartResult> BeginUpdateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        CallArmAsync(async () =>
        {
            var plan = PlanOf(request);
            var arm = clients.Get(plan.ApiVersion);
            var id = new ResourceIdentifier(plan.ResourceId);
            var live = await FindOwnAsync(arm, id, request.RequestId, cancellationToken) ?? throw NotFound(plan, "upgraded");
            var body = KeepPoolVersions(plan.Body, ManagedClusterStateReader.Read(live));
            var response = (await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Started, id, AksRequestBody.ToResourceData(body), cancellationToken)).GetRawResponse();
            logger.LogInformation("Update of managed cluster {ResourceId} for request {RequestId} accepted ({ProvisioningState})", plan.ResourceId, request.RequestId, ProvisioningStateOf(response));
            return new InfrastructureStartResult(InfrastructureStartOutcome.Started, plan.ResourceId, ProvisioningStateOf(response));
        });

    /// <inheritdoc />
    public Task<InfrastructureStartResult> BeginNodePoolUpgradeAsync(InfrastructureRequest request, string nodePool, CancellationToken cancellationToken = default) =>
        CallArmAsync(async () =>
        {
            var plan = PlanOf(request);
            var arm = clients.Get(plan.ApiVersion);
            var id = new ResourceIdentifier(plan.ResourceId);
            _ = await FindOwnAsync(arm, id, request.RequestId, cancellationToken) ?? throw NotFound(plan, "upgraded");
            var properties = PoolProfile(plan.Body, nodePool);
            var version = JsonNode.Parse(plan.Body)?["properties"]?["kubernetesVersion"]?.GetValue<string>()
                ?? throw InvalidPlan.Error("Aks.Body.properties.kubernetesVersion", "is required to upgrade a node pool");
            properties["orchestratorVersion"] = version;
            var state = await new AgentPoolRequest(arm, id, nodePool).PutAsync(plan.ApiVersion, new JsonObject { ["properties"] = properties }, cancellationToken);
            logger.LogInformation("Upgrade of node pool {NodePool} of {ResourceId} to {Version} accepted ({ProvisioningState})", nodePool, plan.ResourceId, version, state);
            return new InfrastructureStartResult(InfrastructureStartOutcome.Started, $"{plan.ResourceId}/agentPools/{nodePool}", state);
        });

    /// <summary>The plan's body with each pool that exists pinned to the version it runs, so the PUT moves only the control plane.</summary>
    private static string KeepPoolVersions(string body, InfrastructureState live)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        foreach (var pool in (root["properties"]?["agentPoolProfiles"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = pool["name"]?.GetValue<string>();
            if (live.NodePools.FirstOrDefault(p => p.Name == name)?.OrchestratorVersion is { Length: > 0 } running)
            {
                pool["orchestratorVersion"] = running;
            }
        }

        return CanonicalJson.Serialize(root);
    }

    /// <summary>The pool's profile from the plan's body, as an agentPools resource's properties (without its name).</summary>
    private static JsonObject PoolProfile(string body, string nodePool)
    {
        var pools = JsonNode.Parse(body)?["properties"]?["agentPoolProfiles"] as JsonArray ?? [];
        var pool = pools.OfType<JsonObject>().FirstOrDefault(p => p["name"]?.GetValue<string>() == nodePool)
            ?? throw InvalidPlan.Error("nodePool", $"'{nodePool}' is not a node pool of the plan");
        var properties = (JsonObject)pool.DeepClone();
        properties.Remove("name");
        return properties;
    }

    private static InfrastructureException NotFound(AksClusterPlan plan, string what) =>
        new(InfrastructureErrorKind.Permanent, "ResourceNotFound", $"Managed cluster '{plan.ResourceId}' does not exist, so it cannot be {what}.", 404);
}
