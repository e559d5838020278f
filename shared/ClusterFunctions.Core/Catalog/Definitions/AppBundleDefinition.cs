using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>An application bundle: its namespace, dependencies, parameters, readiness, flows and manifests.</summary>
public sealed record AppBundleDefinition(
    string Name,
    string File,
    string Description,
    string Namespace,
    IReadOnlyList<string> DependsOn,
    IReadOnlyDictionary<string, ParameterDefinition> Parameters,
    ReadinessDefinition? Readiness,
    NetworkDefinition Network,
    JsonArray Manifests);
