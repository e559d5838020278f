using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Cli;

/// <summary>Finds the catalog: <c>--catalog</c>, else CLUSTERFUNCTIONS_CATALOG, else infra/catalog above the current directory.</summary>
public static class CatalogLocator
{
    public static string Find(string? explicitDirectory)
    {
        if (explicitDirectory is not null)
        {
            return explicitDirectory;
        }

        if (Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_CATALOG") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "infra", "catalog");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("infra", "catalog");
    }

    /// <summary>Loads the catalog, printing its load problems; null when it has any.</summary>
    public static Catalog? LoadOrReport(string? explicitDirectory, TextWriter error)
    {
        var loaded = CatalogLoader.Load(Find(explicitDirectory));
        if (loaded.Problems.Count == 0)
        {
            return loaded.Catalog;
        }

        foreach (var problem in loaded.Problems)
        {
            error.WriteLine($"error: {problem}");
        }

        return null;
    }
}
