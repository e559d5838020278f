using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>A folder catalog is parsed again only when its files changed, and every change is seen at the next read.</summary>
public sealed class CatalogFolderCacheTests : IDisposable
{
    private readonly string folder = TestApps.CopyCatalog(Directory.CreateTempSubdirectory("cf-catalog-cache-").FullName);

    [Fact]
    public void Load_FilesUnchanged_GivesTheCatalogAlreadyRead()
    {
        var cache = new CatalogFolderCache();

        var first = cache.Load(folder);
        var second = cache.Load(folder);

        Assert.Empty(first.Problems);
        Assert.Same(first, second);
    }

    [Fact]
    public void Load_AfterAnEdit_ReadsTheEditedFile()
    {
        var cache = new CatalogFolderCache();
        var before = cache.Load(folder);
        TestApps.EditCatalog(folder, "profiles/developer.yaml", "memory: 256Mi", "memory: 320Mi");

        var after = cache.Load(folder);

        Assert.NotSame(before, after);
        Assert.DoesNotContain("320Mi", DeveloperProfile(before), StringComparison.Ordinal);
        Assert.Contains("320Mi", DeveloperProfile(after), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileAddedOrRemoved_ReadsTheFolderAgain()
    {
        var cache = new CatalogFolderCache();
        var before = cache.Load(folder);
        var second = Path.Combine(folder, "profiles", "second.yaml");
        File.WriteAllText(second, File.ReadAllText(Path.Combine(folder, "profiles", "developer.yaml")).Replace("name: developer", "name: second", StringComparison.Ordinal));

        var added = cache.Load(folder);
        File.Delete(second);
        var removed = cache.Load(folder);

        Assert.Empty(added.Problems);
        Assert.Contains("second", added.Catalog.Profiles.Keys);
        Assert.DoesNotContain("second", removed.Catalog.Profiles.Keys);
        Assert.Equal(before.Catalog.Profiles.Keys, removed.Catalog.Profiles.Keys);
    }

    [Fact]
    public void Load_SameSizeEditWithANewWriteTime_ReadsTheFileAgain()
    {
        var cache = new CatalogFolderCache();
        var before = cache.Load(folder);
        var developer = Path.Combine(folder, "profiles", "developer.yaml");
        TestApps.EditCatalog(folder, "profiles/developer.yaml", "memory: 256Mi", "memory: 257Mi");
        File.SetLastWriteTimeUtc(developer, File.GetLastWriteTimeUtc(developer).AddSeconds(1));

        var after = cache.Load(folder);

        Assert.Contains("257Mi", DeveloperProfile(after), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string DeveloperProfile(ClusterFunctions.Core.Catalog.CatalogLoadResult result) =>
        result.Catalog.Profiles["developer"].Root.ToJsonString();
}
