using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>A commit whose catalog was not taken into use, when it was refused, and why.</summary>
public sealed record CatalogRefusal(string Revision, DateTimeOffset RefusedAt, IReadOnlyList<CatalogProblem> Problems);
