namespace ClusterFunctions.Core.Tests.Catalog;

public class DependencyValidationTests
{
    [Fact]
    public void Validate_UnknownAppInProfile_ListsKnownApps()
    {
        using var fixture = new CatalogFixture().Replace("profiles/testing.yaml", "  - name: logging", "  - name: logs");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "apps[3].name", "unknown app 'logs' (known: kafka, logging, model-serving, monitoring, redis)");
    }

    [Fact]
    public void Validate_UnknownPolicyInProfile_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/testing.yaml", "  - name: locked-rbac", "  - name: locked");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "policies[1].name", "unknown policy bundle 'locked'");
    }

    [Fact]
    public void Validate_DependsOnUnknownApp_IsReportedInTheBundle()
    {
        using var fixture = new CatalogFixture().Replace("apps/model-serving.yaml", "dependsOn: [redis, kafka]", "dependsOn: [redis, kafka, postgres]");

        ProblemAssert.Has(fixture.Validate(), "apps/model-serving.yaml", "dependsOn[2]", "unknown app 'postgres'");
    }

    [Fact]
    public void Validate_DependsOnAppTheProfileLacks_IsReportedInTheProfile()
    {
        using var fixture = new CatalogFixture().Replace("apps/model-serving.yaml", "dependsOn: [redis, kafka]", "dependsOn: [redis, kafka, monitoring]");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "apps[0]", "app 'model-serving' depends on 'monitoring', which the profile does not include");
    }

    [Fact]
    public void Validate_DependencyCycle_ShowsTheCycle()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "namespace: redis", "namespace: redis\ndependsOn: [model-serving]");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "apps", "dependency cycle: model-serving -> redis -> model-serving");
    }

    [Fact]
    public void Validate_PolicyRequiringMissingApp_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/testing.yaml", "  - name: locked-rbac", "  - name: locked-rbac\n  - name: developer-access")
            .Replace("profiles/base.yaml", "  - name: model-serving\n", "");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "policies[2]", "requires app 'model-serving', which the profile does not include");
    }

    [Fact]
    public void Validate_EgressToUnknownApp_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("apps/model-serving.yaml", "    - app: logging", "    - app: loggin");

        ProblemAssert.Has(fixture.Validate(), "apps/model-serving.yaml", "network.egress[2].app", "unknown app 'loggin'");
    }
}
