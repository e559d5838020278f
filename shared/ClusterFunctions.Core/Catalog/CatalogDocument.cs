using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Catalog;

/// <summary>One parsed catalog file: where it came from, what it declares, and its content.</summary>
public sealed record CatalogDocument(string File, string Kind, string Name, JsonObject Root);
