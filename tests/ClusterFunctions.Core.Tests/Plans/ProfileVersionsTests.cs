using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Plans;

public class ProfileVersionsTests
{
    [Fact]
    public void Validate_RolloutNeitherAutoNorManual_NamesTheFieldAndTheRule()
    {
        using var fixture = new CatalogFixture().Replace("profiles/developer.yaml", "rollout: auto", "rollout: sometimes");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "rollout", "must be auto or manual, got 'sometimes'");
    }

    [Fact]
    public void Of_ShippedCatalog_DevelopmentFollowsTheCatalogAndProductionWaitsForAPerson()
    {
        using var fixture = new CatalogFixture();

        var versions = ProfileVersions.Of(fixture.Load().Catalog);

        Assert.Equal(RolloutMode.Auto, versions["developer"].Rollout);
        Assert.Equal(RolloutMode.Auto, versions["testing"].Rollout);
        Assert.Equal(RolloutMode.Manual, versions["production"].Rollout);
        Assert.DoesNotContain("base", versions.Keys);
    }

    [Fact]
    public void Of_RolloutUnset_IsManual()
    {
        using var fixture = new CatalogFixture().Replace("profiles/developer.yaml", "rollout: auto\n", "");

        Assert.Equal(RolloutMode.Manual, ProfileVersions.Of(fixture.Load().Catalog)["developer"].Rollout);
    }

    [Fact]
    public void Of_IsTheVersionARenderedPlanCarries()
    {
        using var fixture = new CatalogFixture();
        var catalog = fixture.Load().Catalog;

        var plan = ClusterPlanRenderer.Render(catalog, new ClusterRequest("r1", "dev-a", "developer")).Plan!;

        Assert.Equal(plan.ProfileVersion, ProfileVersions.Of(catalog)["developer"].Version);
    }

    [Fact]
    public void Of_SharedBundleEdited_ChangesTheVersionOfEveryProfileUsingIt()
    {
        using var before = new CatalogFixture();
        using var after = new CatalogFixture().Replace("apps/redis.yaml", "timeoutSeconds: 300", "timeoutSeconds: 301");

        var old = ProfileVersions.Of(before.Load().Catalog);
        var now = ProfileVersions.Of(after.Load().Catalog);

        Assert.All(["developer", "testing", "production"], profile => Assert.NotEqual(old[profile].Version, now[profile].Version));
    }

    [Fact]
    public void Of_OnlyRolloutEdited_KeepsTheVersion()
    {
        // Switching a profile to auto must not itself look like a new version and upgrade every cluster of it.
        using var before = new CatalogFixture();
        using var after = new CatalogFixture().Replace("profiles/production.yaml", "rollout: manual", "rollout: auto");

        var old = ProfileVersions.Of(before.Load().Catalog)["production"];
        var now = ProfileVersions.Of(after.Load().Catalog)["production"];

        Assert.Equal(RolloutMode.Auto, now.Rollout);
        Assert.Equal(old.Version, now.Version);
    }
}
