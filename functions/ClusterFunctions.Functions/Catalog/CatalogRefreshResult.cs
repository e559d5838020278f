namespace ClusterFunctions.Functions.Catalog;

/// <summary>What one refresh found: the commit in force afterwards, and the refusal when the ref's commit was refused.</summary>
/// <param name="Revision">The commit whose catalog is in force; null for a folder catalog, or when no commit was ever good.</param>
/// <param name="Head">The commit the ref points at now.</param>
/// <param name="Refused">Set when <paramref name="Head"/> was refused (now or before); its problems say why.</param>
public sealed record CatalogRefreshResult(string? Revision, string? Head, CatalogRefusal? Refused);
