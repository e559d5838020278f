namespace ClusterFunctions.Functions.Catalog;

/// <summary>The app cannot start: its catalog repository could not be read, or its commit has no valid catalog.</summary>
public sealed class CatalogUnavailableException(IReadOnlyList<string> problems)
    : Exception("the catalog from Git is not usable: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
