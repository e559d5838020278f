using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Plans;

public class ReconcilePlanTests
{
    private static readonly ClusterFunctions.Core.Catalog.Catalog Shipped = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;

    [Fact]
    public void Render_DeveloperProfile_ReportsDriftEveryTenMinutes_FromItsBase()
    {
        var plan = ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "dev-a", "developer")).Plan!;

        Assert.Equal(new ReconcilePolicy(TimeSpan.FromMinutes(10), ReconcileMode.Report), plan.Reconcile);
    }

    [Fact]
    public void Render_ProductionProfile_RepairsEveryFiveMinutes()
    {
        var plan = ClusterPlanRenderer.Render(Shipped, new ClusterRequest("r1", "prod-a", "production")).Plan!;

        Assert.Equal(new ReconcilePolicy(TimeSpan.FromMinutes(5), ReconcileMode.Repair), plan.Reconcile);
    }

    [Theory]
    [InlineData("interval: 1s", "reconcile.interval", "between 5s and 1d (e.g. 10m), got '1s'")]
    [InlineData("interval: 2d", "reconcile.interval", "got '2d'")]
    [InlineData("interval: soon", "reconcile.interval", "must be a whole number followed by s, m or h")]
    [InlineData("interval: 10m\n  mode: fix", "reconcile.mode", "must be report or repair, got 'fix'")]
    [InlineData("interval: 10m\n  every: 5m", "reconcile.every", "unknown field (expected one of: interval, mode)")]
    [InlineData("mode: repair", "reconcile.interval", "is required")]
    public void Validate_BadReconcileBlock_NamesTheFieldAndTheRule(string block, string field, string rule)
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "reconcile:\n  interval: 10m\n  mode: report", $"reconcile:\n  {block}");

        ProblemAssert.Has(fixture.Validate(), "profiles/base.yaml", field, rule);
    }
}
