namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app on a LocalCloud whose workloads take an hour to become ready, with a catalog copy whose
/// redis gate gives up after 10 seconds (a build whose app never becomes ready) and whose production
/// approval window is 5 seconds.
/// </summary>
public sealed class FailureFixture : EmbeddedAppFixture
{
    private readonly string catalog = CopyCatalog();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ReadinessDelay"] = "01:00:00",
        ["Build:CatalogDirectory"] = catalog,
    };

    private static string CopyCatalog()
    {
        var target = TestApps.CopyCatalog(Path.Combine(Path.GetTempPath(), "cf-failure-catalog-" + Guid.NewGuid().ToString("N")));
        TestApps.EditCatalog(target, "profiles/production.yaml", "timeoutSeconds: 86400", "timeoutSeconds: 5");
        TestApps.EditCatalog(target, "apps/redis.yaml", "timeoutSeconds: 300", "timeoutSeconds: 10");
        return target;
    }
}
