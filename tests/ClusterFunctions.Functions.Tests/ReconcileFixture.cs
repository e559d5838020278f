namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app with a catalog copy whose clusters are reconciled every 5 seconds: developer clusters report drift (the
/// base profile's mode), testing clusters repair it.
/// </summary>
public sealed class ReconcileFixture : EmbeddedAppFixture
{
    private readonly string catalog = CopyCatalog();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Build:CatalogDirectory"] = catalog,
        // The tests poll the status while reconcile works; the default 300 requests a minute would answer 429.
        ["Limits:RequestsPerMinute"] = "100000",
    };

    private static string CopyCatalog()
    {
        var target = TestApps.CopyCatalog(Path.Combine(Path.GetTempPath(), "cf-reconcile-catalog-" + Guid.NewGuid().ToString("N")));
        TestApps.EditCatalog(target, "profiles/base.yaml", "interval: 10m", "interval: 5s");
        var testing = Path.Combine(target, "profiles", "testing.yaml");
        File.AppendAllText(testing, "reconcile:\n  interval: 5s\n  mode: repair\n");
        return target;
    }
}
