using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Plans;

public class DeterminismTests
{
    private static string RenderJson(string catalogDirectory, string profile, string cluster = "demo")
    {
        var catalog = CatalogLoader.Load(catalogDirectory).Catalog;
        var plan = ClusterPlanRenderer.Render(catalog, new ClusterRequest("req-1", cluster, profile)).Plan!;
        return PlanDocument.ToJson(plan).ToJsonString();
    }

    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public void Render_SameInputTwice_IsByteIdentical(string profile)
    {
        Assert.Equal(RenderJson(CatalogFixture.ShippedCatalogDirectory, profile), RenderJson(CatalogFixture.ShippedCatalogDirectory, profile));
    }

    [Fact]
    public void Render_CatalogCopiedElsewhere_IsByteIdentical()
    {
        using var copy = new CatalogFixture();

        Assert.Equal(RenderJson(CatalogFixture.ShippedCatalogDirectory, "production"), RenderJson(copy.Directory, "production"));
    }

    [Fact]
    public void ProfileVersion_ChangesWhenASelectedBundleChanges()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "redis:7.4.1-alpine", "redis:7.4.2-alpine");

        Assert.NotEqual(Version(CatalogFixture.ShippedCatalogDirectory, "developer"), Version(fixture.Directory, "developer"));
    }

    [Fact]
    public void ProfileVersion_IgnoresBundlesTheProfileDoesNotSelect()
    {
        using var fixture = new CatalogFixture().Replace("apps/monitoring.yaml", "prom/prometheus:v2.55.1", "prom/prometheus:v2.55.2");

        Assert.Equal(Version(CatalogFixture.ShippedCatalogDirectory, "developer"), Version(fixture.Directory, "developer"));
        Assert.NotEqual(Version(CatalogFixture.ShippedCatalogDirectory, "production"), Version(fixture.Directory, "production"));
    }

    [Fact]
    public void ProfileVersion_DoesNotDependOnTheRequest()
    {
        var catalog = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;
        var a = ClusterPlanRenderer.Render(catalog, new ClusterRequest("a", "one", "production")).Plan!;
        var b = ClusterPlanRenderer.Render(catalog, new ClusterRequest("b", "two", "production", new RequestOverrides("southindia"))).Plan!;

        Assert.Equal(a.ProfileVersion, b.ProfileVersion);
    }

    private static string Version(string directory, string profile)
    {
        var catalog = CatalogLoader.Load(directory).Catalog;
        return ClusterPlanRenderer.Render(catalog, new ClusterRequest("v", "demo", profile)).Plan!.ProfileVersion;
    }
}
