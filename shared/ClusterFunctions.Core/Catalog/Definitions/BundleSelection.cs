using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>A profile's choice of one app or policy bundle, with the parameter values it overrides.</summary>
public sealed record BundleSelection(string Name, IReadOnlyDictionary<string, JsonNode?> Parameters);
