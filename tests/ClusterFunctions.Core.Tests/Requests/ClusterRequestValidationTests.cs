using System.Text;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Requests;

public class ClusterRequestValidationTests
{
    private static readonly ClusterFunctions.Core.Catalog.Catalog Shipped = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;

    private static IReadOnlyList<CatalogProblem> Render(ClusterRequest request) => ClusterPlanRenderer.Render(Shipped, request).Problems;

    [Theory]
    [InlineData("Demo")]
    [InlineData("demo_1")]
    [InlineData("-demo")]
    [InlineData("d")]
    public void Render_InvalidClusterName_StatesTheRule(string name)
    {
        ProblemAssert.Has(Render(new ClusterRequest("r1", name, "developer")), "request", "clusterName", "must match ^[a-z][a-z0-9-]{0,61}[a-z0-9]$");
    }

    [Fact]
    public void Render_UnknownProfile_ListsKnownProfiles()
    {
        ProblemAssert.Has(Render(new ClusterRequest("r1", "demo", "staging")), "request", "profile", "unknown profile 'staging' (known: developer, production, testing)");
    }

    [Fact]
    public void Render_AbstractProfile_IsNotRequestable()
    {
        ProblemAssert.Has(Render(new ClusterRequest("r1", "demo", "base")), "request", "profile", "unknown profile 'base'");
    }

    [Fact]
    public void Render_InvalidRequestId_IsReported()
    {
        ProblemAssert.Has(Render(new ClusterRequest("has spaces", "demo", "developer")), "request", "requestId", "must be 1-128 characters");
    }

    [Fact]
    public void Render_TooManyLabels_IsReported()
    {
        var labels = Enumerable.Range(0, 40).ToDictionary(i => $"k{i}", i => "v");

        ProblemAssert.Has(Render(new ClusterRequest("r1", "demo", "developer", Labels: labels)), "request", "labels", "at most 32 entries");
    }

    [Fact]
    public void Render_UnknownRegionOverride_IsReportedAgainstTheRequest()
    {
        ProblemAssert.Has(Render(new ClusterRequest("r1", "demo", "developer", new RequestOverrides(Region: "mars"))), "request", "overrides.region", "unknown region 'mars'");
    }

    [Fact]
    public void Render_OverrideOfUnknownPool_NamesThePools()
    {
        var overrides = new RequestOverrides(NodePools: new Dictionary<string, NodePoolBounds> { ["tpu"] = new(MaxCount: 3) });

        ProblemAssert.Has(Render(new ClusterRequest("r1", "demo", "developer", overrides)), "request", "overrides.nodePools.tpu", "the profile has no pool named 'tpu' (pools: system, apps, gpu)");
    }

    [Fact]
    public void Render_OverrideBelowMin_IsReportedAgainstTheRequest()
    {
        var overrides = new RequestOverrides(NodePools: new Dictionary<string, NodePoolBounds> { ["apps"] = new(MinCount: 4, MaxCount: 2) });

        ProblemAssert.Has(Render(new ClusterRequest("r1", "demo", "developer", overrides)), "request", "overrides.nodePools.apps.maxCount", "must be >= minCount (4)");
    }

    [Fact]
    public void Render_ValidOverrides_ChangeRegionAndPoolBounds()
    {
        var overrides = new RequestOverrides("westeurope", new Dictionary<string, NodePoolBounds> { ["gpu"] = new(MaxCount: 3) });

        var plan = ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "demo", "developer", overrides)).Plan!;

        Assert.Equal("westeurope", plan.Infrastructure.Aks!.Location);
        Assert.Equal(3, plan.Infrastructure.Aks.NodePools.Single(p => p.Name == "gpu").MaxCount);
    }

    [Fact]
    public void Parse_OversizedBody_IsRefusedBeforeParsing()
    {
        var (request, problems) = ClusterRequestParser.Parse(new byte[RequestLimits.MaxBodyBytes + 1]);

        Assert.Null(request);
        ProblemAssert.Has(problems, "request", "", "the limit is 65536");
    }

    [Fact]
    public void Parse_DeepJsonInATypedField_IsRefusedAtTheField()
    {
        var deep = "{\"requestId\":\"r\",\"clusterName\":\"demo\",\"profile\":\"developer\",\"labels\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var (request, problems) = ClusterRequestParser.Parse(Encoding.UTF8.GetBytes(deep));

        Assert.Null(request);
        Assert.Contains(problems, p => p.Path.StartsWith("labels", StringComparison.Ordinal) && p.Message == "nested deeper than 16 levels");
    }

    [Fact]
    public void Parse_MalformedJson_IsAProblemNotAnException()
    {
        var (request, problems) = ClusterRequestParser.Parse("{\"requestId\": "u8);

        Assert.Null(request);
        Assert.Contains(problems, p => p.Message.StartsWith("malformed JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingRequiredField_SaysWhichAreRequired()
    {
        var (_, problems) = ClusterRequestParser.Parse("{\"requestId\":\"r1\",\"profile\":\"developer\"}"u8);

        ProblemAssert.Has(problems, "request", "clusterName", "is required");
    }

    [Fact]
    public void Parse_UnknownField_IsRefused()
    {
        var (_, problems) = ClusterRequestParser.Parse("{\"requestId\":\"r1\",\"clusterName\":\"demo\",\"profile\":\"developer\",\"admin\":true}"u8);

        ProblemAssert.Has(problems, "request", "admin", "unknown field");
    }

    [Fact]
    public void Parse_ValidBody_ReadsEveryField()
    {
        var body = "{\"requestId\":\"r1\",\"clusterName\":\"demo\",\"profile\":\"production\",\"requestedBy\":\"alice\",\"labels\":{\"team\":\"ai\"},\"overrides\":{\"region\":\"westeurope\",\"nodePools\":{\"gpu\":{\"maxCount\":5}}}}"u8;

        var (request, problems) = ClusterRequestParser.Parse(body);

        Assert.Empty(problems);
        Assert.Equal("westeurope", request!.Overrides!.Region);
        Assert.Equal(5, request.Overrides.NodePools!["gpu"].MaxCount);
        Assert.Equal("ai", request.Labels!["team"]);
    }
}
