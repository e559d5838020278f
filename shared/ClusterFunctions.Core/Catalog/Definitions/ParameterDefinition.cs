using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>A bundle parameter: its type ("string", "integer" or "boolean"), default and bounds.</summary>
public sealed record ParameterDefinition(
    string Type,
    JsonNode? Default,
    long? Minimum,
    long? Maximum,
    IReadOnlyList<string> Enum);
