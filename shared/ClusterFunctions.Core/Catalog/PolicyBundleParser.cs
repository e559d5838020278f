using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Catalog;

/// <summary>Reads a <c>PolicyBundle</c> document into its definition, recording every structural problem.</summary>
internal static class PolicyBundleParser
{
    /// <summary>Policies rendered by code rather than literal manifests.</summary>
    public static readonly IReadOnlyList<string> Generators = ["podSecurity", "networkBaseline"];

    public static PolicyBundleDefinition Read(DocumentReader reader, JsonObject root, string name)
    {
        reader.OnlyKnownKeys(root, "", "kind", "name", "description", "stage", "generator", "requiresApps", "parameters", "manifests");
        var stageText = reader.String(root, "", "stage", required: true) ?? nameof(PlanStage.AccessPolicies);
        if (!Enum.TryParse<PlanStage>(stageText, ignoreCase: false, out var stage) || stage == PlanStage.Apps)
        {
            reader.Problem("stage", "must be one of: Namespaces, BaselinePolicies, AccessPolicies");
            stage = PlanStage.AccessPolicies;
        }

        var generator = reader.String(root, "", "generator", required: false);
        if (generator is not null && !Generators.Contains(generator))
        {
            reader.Problem("generator", $"must be one of: {string.Join(", ", Generators)}");
        }

        var manifests = reader.Array(root, "", "manifests", required: false);
        if ((generator is null) == (manifests is null))
        {
            reader.Problem("", "a policy bundle needs exactly one of 'generator' or 'manifests'");
        }

        return new PolicyBundleDefinition(
            name,
            reader.File,
            reader.String(root, "", "description", required: false) ?? "",
            stage,
            generator,
            reader.StringList(root, "", "requiresApps"),
            ParameterParser.Read(reader, root),
            (JsonArray?)manifests?.DeepClone() ?? []);
    }
}
