using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>The names users see for build steps, e.g. "infrastructure", "app/redis", "access/locked-rbac".</summary>
public static class StepNames
{
    public const string Plan = "plan";
    public const string Approval = "approval";
    public const string Infrastructure = "infrastructure";
    public const string Verification = "verification";
    public const string RemoveObjects = "remove-objects";
    public const string DeleteInfrastructure = "delete-infrastructure";
    public const string Prune = "prune";

    /// <summary>An upgrade's step moving one node pool to the new Kubernetes version, e.g. "node-pool/gpu".</summary>
    public static string NodePool(string pool) => $"node-pool/{pool}";

    public static string For(ManifestLevel level, BundlePlan bundle) => level.Stage switch
    {
        PlanStage.Namespaces when bundle.Name == "namespaces" => "namespaces",
        PlanStage.Namespaces or PlanStage.BaselinePolicies => $"policy/{bundle.Name}",
        PlanStage.Apps => $"app/{bundle.Name}",
        _ => $"access/{bundle.Name}",
    };

    public static IEnumerable<string> All(ClusterPlan plan) =>
        [.. plan.Approval is null ? Array.Empty<string>() : [Approval], Infrastructure, .. plan.Levels.SelectMany(l => l.Bundles.Select(b => For(l, b))), Verification];
}
