using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Plans;

/// <summary>Renders the shipped profiles the way "create" does, for tests that inspect the result.</summary>
internal static class ShippedPlans
{
    private static readonly ClusterFunctions.Core.Catalog.Catalog Catalog = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;

    public static ClusterPlan Render(string profile, string clusterName = "demo") =>
        ClusterPlanRenderer.Render(Catalog, new ClusterRequest("req-1", clusterName, profile)).Plan
        ?? throw new InvalidOperationException($"shipped profile {profile} did not render");

    public static List<JsonObject> Objects(ClusterPlan plan, string? kind = null) =>
        plan.Levels.SelectMany(l => l.Bundles).SelectMany(b => b.Manifests)
            .Where(m => kind is null || m.Kind == kind)
            .Select(m => JsonNode.Parse(m.Json)!.AsObject())
            .ToList();

    public static JsonObject ArmBody(ClusterPlan plan) => JsonNode.Parse(plan.Infrastructure.Aks!.Body)!.AsObject();

    public static JsonObject Pool(ClusterPlan plan, string name) =>
        ArmBody(plan)["properties"]!["agentPoolProfiles"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == name)!.AsObject();

    public static IEnumerable<string> AppBundles(ClusterPlan plan) =>
        plan.Levels.Where(l => l.Stage == PlanStage.Apps).SelectMany(l => l.Bundles).Select(b => b.Name).Order(StringComparer.Ordinal);
}
