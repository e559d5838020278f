using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>A catalog read together with the commit it came from (null for a folder), so the two cannot disagree.</summary>
public sealed record LoadedCatalog(CatalogLoadResult Result, string? Revision);
