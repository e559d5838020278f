using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Core.Tests.Catalog;

public class ShippedCatalogTests
{
    [Fact]
    public void Validate_ShippedCatalog_HasNoProblems()
    {
        var problems = CatalogValidator.Validate(CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory));

        Assert.Empty(problems);
    }

    [Fact]
    public void ConcreteProfiles_ShippedCatalog_AreTheThreeEnvironments()
    {
        var catalog = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;

        Assert.Equal(["developer", "production", "testing"], ProfileComposer.ConcreteProfiles(catalog));
        Assert.Equal(["kafka", "logging", "model-serving", "monitoring", "redis"], catalog.Apps.Keys);
    }
}
