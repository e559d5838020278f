using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>A policy bundle: either literal manifests or a named generator (podSecurity, networkBaseline).</summary>
public sealed record PolicyBundleDefinition(
    string Name,
    string File,
    string Description,
    PlanStage Stage,
    string? Generator,
    IReadOnlyList<string> RequiresApps,
    IReadOnlyDictionary<string, ParameterDefinition> Parameters,
    JsonArray Manifests);
