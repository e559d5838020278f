using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Plans;

public class ExpiryPlanTests
{
    private static readonly ClusterFunctions.Core.Catalog.Catalog Shipped = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;

    [Fact]
    public void Render_DeveloperProfile_LivesForTheProfilesTtl()
    {
        var plan = ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "dev-a", "developer")).Plan!;

        Assert.Equal(TimeSpan.FromHours(8), plan.Ttl);
    }

    [Fact]
    public void Render_ProductionProfile_HasNoExpiry()
    {
        Assert.Null(ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "prod-a", "production")).Plan!.Ttl);
    }

    [Fact]
    public void Render_RequestTtlShorterThanTheProfiles_IsUsed()
    {
        var plan = ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "dev-a", "developer", Ttl: "30m")).Plan!;

        Assert.Equal(TimeSpan.FromMinutes(30), plan.Ttl);
    }

    [Fact]
    public void Render_RequestTtlLongerThanTheProfiles_IsRefusedNamingTheLimit()
    {
        var result = ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "dev-a", "developer", Ttl: "2d"));

        Assert.Null(result.Plan);
        ProblemAssert.Has(result.Problems, "request", "ttl", "must be at most 8h, the ttl of profile 'developer', got '2d'");
    }

    [Fact]
    public void Render_RequestTtlOnAProfileWithoutOne_IsUsed()
    {
        Assert.Equal(TimeSpan.FromDays(2), ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "prod-a", "production", Ttl: "2d")).Plan!.Ttl);
    }

    [Fact]
    public void Render_MalformedRequestTtl_StatesTheRule()
    {
        ProblemAssert.Has(ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "dev-a", "developer", Ttl: "1h30m")).Problems,
            "request", "ttl", "must be a whole number followed by s, m, h or d (e.g. 30m, 8h, 2d), between 1s and 365d, got '1h30m'");
    }

    [Fact]
    public void Validate_MalformedProfileTtl_NamesTheFileAndField()
    {
        using var catalog = new CatalogFixture().Replace("profiles/developer.yaml", "ttl: 8h", "ttl: eight hours");

        ProblemAssert.Has(catalog.Validate(), "profiles/developer.yaml", "ttl", "must be a whole number followed by s, m, h or d");
    }

    [Fact]
    public void Parse_TtlOfTheWrongJsonType_NamesTheField()
    {
        var (request, problems) = ClusterRequestParser.Parse("""{"requestId":"r1","clusterName":"dev-a","profile":"developer","ttl":8}""");

        Assert.Null(request);
        ProblemAssert.Has(problems, "request", "ttl", "expected a string");
    }

    [Fact]
    public void Parse_Ttl_IsCarriedIntoTheRequest()
    {
        var (request, _) = ClusterRequestParser.Parse("""{"requestId":"r1","clusterName":"dev-a","profile":"developer","ttl":"45s"}""");

        Assert.Equal("45s", request!.Ttl);
    }
}
