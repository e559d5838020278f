namespace ClusterFunctions.Functions.Catalog;

/// <summary>Whether a pushed ref ("refs/heads/main") is the one the catalog follows ("main", or the full ref).</summary>
public static class CatalogRefs
{
    public static bool Matches(string pushed, string configured) =>
        pushed == configured || pushed == "refs/heads/" + configured || pushed == "refs/tags/" + configured;
}
