namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app with a catalog copy a test edits while clusters run, reconciled every 5 seconds (the look that carries a
/// new profile version to running clusters): developer and production clusters roll out by themselves (production
/// still asks for approval before a build), testing ones wait for a person.
/// </summary>
public sealed class RolloutFixture : EmbeddedAppFixture
{
    public string CatalogCopy { get; } = CopyCatalog();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Build:CatalogDirectory"] = CatalogCopy,
        // The tests poll the status and the catalog while clusters are checked; the default 300 requests a minute would answer 429.
        ["Limits:RequestsPerMinute"] = "100000",
    };

    public void Edit(string file, string oldText, string newText) => TestApps.EditCatalog(CatalogCopy, file, oldText, newText);

    private static string CopyCatalog()
    {
        var target = TestApps.CopyCatalog(Path.Combine(Path.GetTempPath(), "cf-rollout-catalog-" + Guid.NewGuid().ToString("N")));
        TestApps.EditCatalog(target, "profiles/base.yaml", "interval: 10m", "interval: 5s");
        TestApps.EditCatalog(target, "profiles/testing.yaml", "rollout: auto", "rollout: manual");
        TestApps.EditCatalog(target, "profiles/production.yaml", "rollout: manual", "rollout: auto");
        TestApps.EditCatalog(target, "profiles/production.yaml", "interval: 5m", "interval: 5s");
        return target;
    }
}
