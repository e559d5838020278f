using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// The machine form of a plan (CLI <c>--output json</c>, <c>POST /api/plans</c>): the plan with its ARM
/// body and manifests embedded as JSON objects rather than escaped strings.
/// </summary>
public static class PlanDocument
{
    public static JsonObject ToJson(ClusterPlan plan) => new()
    {
        ["requestId"] = plan.RequestId,
        ["clusterName"] = plan.ClusterName,
        ["profile"] = plan.Profile,
        ["profileVersion"] = plan.ProfileVersion,
        ["onFailure"] = plan.OnFailure.ToString(),
        ["requesters"] = new JsonArray((plan.Requesters ?? []).Select(r => (JsonNode)r).ToArray()),
        ["approval"] = plan.Approval is { } approval
            ? new JsonObject { ["approvers"] = new JsonArray(approval.Approvers.Select(a => (JsonNode)a).ToArray()), ["timeoutSeconds"] = approval.TimeoutSeconds }
            : null,
        ["infrastructure"] = Infrastructure(plan.Infrastructure),
        ["levels"] = new JsonArray(plan.Levels.Select(Level).ToArray()),
    };

    private static JsonObject Infrastructure(InfrastructurePlan infrastructure)
    {
        var result = new JsonObject { ["provider"] = infrastructure.Provider };
        if (infrastructure.Aks is { } aks)
        {
            result["aks"] = new JsonObject
            {
                ["subscriptionId"] = aks.SubscriptionId,
                ["resourceGroup"] = aks.ResourceGroup,
                ["location"] = aks.Location,
                ["clusterName"] = aks.ClusterName,
                ["apiVersion"] = aks.ApiVersion,
                ["resourceId"] = aks.ResourceId,
                ["body"] = JsonNode.Parse(aks.Body),
            };
        }

        if (infrastructure.Existing is { } existing)
        {
            result["existing"] = new JsonObject { ["kubeconfigPath"] = existing.KubeconfigPath, ["context"] = existing.Context };
        }

        return result;
    }

    private static JsonNode Level(ManifestLevel level) => new JsonObject
    {
        ["order"] = level.Order,
        ["stage"] = level.Stage.ToString(),
        ["bundles"] = new JsonArray(level.Bundles.Select(Bundle).ToArray()),
    };

    private static JsonNode Bundle(BundlePlan bundle)
    {
        var result = new JsonObject
        {
            ["name"] = bundle.Name,
            ["dependsOn"] = new JsonArray(bundle.DependsOn.Select(d => (JsonNode)d).ToArray()),
        };
        if (bundle.Gate is { } gate)
        {
            result["gate"] = new JsonObject
            {
                ["timeoutSeconds"] = (long)gate.Timeout.TotalSeconds,
                ["workloads"] = new JsonArray(gate.Workloads.Select(w => (JsonNode)$"{w.Kind}/{w.Namespace}/{w.Name}").ToArray()),
            };
        }

        result["manifests"] = new JsonArray(bundle.Manifests.Select(m => JsonNode.Parse(m.Json)).ToArray());
        return result;
    }
}
