using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Core.Tests;

/// <summary>
/// A private copy of the shipped catalog in a temp directory that a test may break in one place, so
/// each validation test shows one rule failing against an otherwise valid catalog.
/// </summary>
public sealed class CatalogFixture : IDisposable
{
    public CatalogFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cf-catalog-" + Guid.NewGuid().ToString("N"));
        Copy(ShippedCatalogDirectory, Directory);
    }

    /// <summary>The catalog that ships in infra/catalog, copied next to the test assembly by the project file.</summary>
    public static string ShippedCatalogDirectory => Path.Combine(AppContext.BaseDirectory, "catalog");

    public string Directory { get; }

    public CatalogFixture Replace(string file, string oldText, string newText)
    {
        var path = Path.Combine(Directory, file);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
        return this;
    }

    public CatalogFixture Write(string file, string text)
    {
        var path = Path.Combine(Directory, file);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public CatalogFixture Append(string file, string text) => Write(file, File.ReadAllText(Path.Combine(Directory, file)) + text);

    public CatalogLoadResult Load() => CatalogLoader.Load(Directory);

    public IReadOnlyList<CatalogProblem> Validate() => CatalogValidator.Validate(Load());

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test over cleanup.
        }
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
