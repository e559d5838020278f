namespace ClusterFunctions.Core.Tests.Catalog;

public class StructureValidationTests
{
    [Fact]
    public void Validate_UnknownField_NamesTheFieldAndTheKnownOnes()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "namespace: redis", "namespace: redis\nreplicaz: 3");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "replicaz", "unknown field (expected one of:");
    }

    [Fact]
    public void Validate_WrongType_NamesTheExpectedType()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "timeoutSeconds: 300", "timeoutSeconds: soon");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "readiness.timeoutSeconds", "must be a whole number");
    }

    [Fact]
    public void Validate_MissingRequiredField_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "namespace: redis\n", "");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "namespace", "is required");
    }

    [Fact]
    public void Validate_InvalidDocumentName_BreaksTheDnsRule()
    {
        using var fixture = new CatalogFixture().Write("apps/bad.yaml", "kind: AppBundle\nname: Bad_Name\nnamespace: x\nmanifests: []\n");

        ProblemAssert.Has(fixture.Validate(), "apps/bad.yaml", "name", "must be a DNS-1123 label");
    }

    [Fact]
    public void Validate_InvalidNamespace_BreaksTheDnsRule()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "namespace: redis", "namespace: Redis_NS");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "namespace", "must be a DNS-1123 label");
    }

    [Fact]
    public void Validate_UnknownKind_IsReported()
    {
        using var fixture = new CatalogFixture().Write("apps/odd.yaml", "kind: Chart\nname: odd\n");

        ProblemAssert.Has(fixture.Validate(), "apps/odd.yaml", "kind", "must be one of: Profile, AppBundle, PolicyBundle");
    }

    [Fact]
    public void Validate_DuplicateName_NamesBothFiles()
    {
        using var fixture = new CatalogFixture().Write("apps/redis-copy.yaml", File.ReadAllText(Path.Combine(CatalogFixture.ShippedCatalogDirectory, "apps/redis.yaml")));

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "name", "AppBundle 'redis' is already defined in apps/redis-copy.yaml");
    }

    [Fact]
    public void Validate_UnknownExtends_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/testing.yaml", "extends: base", "extends: basis");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "extends", "unknown profile 'basis'");
    }

    [Fact]
    public void Validate_CyclicExtends_ShowsTheCycle()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "abstract: true", "abstract: true\nextends: testing");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "extends", "testing -> base -> testing");
    }

    [Fact]
    public void Validate_BadParameterDefault_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("apps/model-serving.yaml", "gpus: { type: integer, default: 1,", "gpus: { type: integer, default: many,");

        ProblemAssert.Has(fixture.Validate(), "apps/model-serving.yaml", "parameters.gpus.default", "must be a whole number");
    }

    [Fact]
    public void Validate_PolicyWithBothGeneratorAndManifests_IsReported()
    {
        using var fixture = new CatalogFixture().Append("policies/pod-security.yaml", "manifests: []\n");

        ProblemAssert.Has(fixture.Validate(), "policies/pod-security.yaml", "", "exactly one of 'generator' or 'manifests'");
    }

    [Fact]
    public void Validate_ManyProblems_AreAllReportedAtOnce()
    {
        using var fixture = new CatalogFixture()
            .Replace("apps/redis.yaml", "timeoutSeconds: 300", "timeoutSeconds: soon")
            .Replace("profiles/production.yaml", "region: centralindia", "region: atlantis")
            .Replace("profiles/developer.yaml", "maxCount: 1\n", "maxCount: -1\n");

        var problems = fixture.Validate();

        ProblemAssert.Has(problems, "apps/redis.yaml", "readiness.timeoutSeconds", "must be a whole number");
        ProblemAssert.Has(problems, "profiles/production.yaml", "infrastructure.region", "unknown region 'atlantis'");
        ProblemAssert.Has(problems, "profiles/developer.yaml", "infrastructure.nodePools[2].maxCount", "must be >= minCount (0)");
    }

    [Fact]
    public void Validate_RequestersNotAList_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "requesters: [platform]", "requesters: platform");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "requesters", "must be a list");
    }

    [Fact]
    public void Validate_ApprovalWithoutApprovers_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "  approvers: [approver]\n", "");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "approval.approvers", "must name at least one role or group");
    }

    [Fact]
    public void Validate_ApprovalTimeoutOutOfRange_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "timeoutSeconds: 86400", "timeoutSeconds: 1");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "approval.timeoutSeconds", "must be between 5 and 604800");
    }
}
