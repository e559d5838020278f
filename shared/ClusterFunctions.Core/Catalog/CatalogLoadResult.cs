namespace ClusterFunctions.Core.Catalog;

/// <summary>The catalog as far as it could be read, and every problem found while reading it.</summary>
public sealed record CatalogLoadResult(Catalog Catalog, IReadOnlyList<CatalogProblem> Problems);
