namespace ClusterFunctions.Core.Tests.Catalog;

public class InfrastructureValidationTests
{
    [Fact]
    public void Validate_MaxBelowMin_ReportsThePoolPathAndBound()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "minCount: 0\n      maxCount: 25", "minCount: 4\n      maxCount: 2");

        var problems = fixture.Validate();

        Assert.Contains("profiles/production.yaml: infrastructure.nodePools[2].maxCount: must be >= minCount (4)", problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Validate_PoolNameBreaksAksRule_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "- name: apps", "- name: applications-pool");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "infrastructure.nodePools[1].name", "must match ^[a-z][a-z0-9]{0,11}$");
    }

    [Fact]
    public void Validate_UnknownRegion_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/developer.yaml", "region: southeastasia", "region: Southeast Asia");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "infrastructure.region", "unknown region 'Southeast Asia'");
    }

    [Fact]
    public void Validate_GpuPoolWithoutGpuSize_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "vmSize: Standard_NC24ads_A100_v4", "vmSize: Standard_D4ds_v5");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "infrastructure.nodePools[2].vmSize", "is not an NVIDIA GPU size AKS supports");
    }

    [Fact]
    public void Validate_AmdGpuSize_IsNotAcceptedForGpuPools()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "vmSize: Standard_NC24ads_A100_v4", "vmSize: Standard_NV32as_v4");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "infrastructure.nodePools[2].vmSize", "is not an NVIDIA GPU size AKS supports");
    }

    [Fact]
    public void Validate_GpuSizeOnPoolNotMarkedGpu_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "      mode: User\n      vmSize: Standard_D4ds_v5", "      mode: User\n      vmSize: Standard_NC6s_v3");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "infrastructure.nodePools[1].gpu", "must be true");
    }

    [Fact]
    public void Validate_UnknownVmSize_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "      mode: User\n      vmSize: Standard_D4ds_v5", "      mode: User\n      vmSize: Standard_Huge");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "infrastructure.nodePools[1].vmSize", "unknown VM size 'Standard_Huge'");
    }

    [Fact]
    public void Validate_NoSystemPool_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "mode: System", "mode: User");

        ProblemAssert.Has(fixture.Validate(), "profiles/testing.yaml", "infrastructure.nodePools", "at least one pool with mode System");
    }

    [Fact]
    public void Validate_SystemPoolScalingToZero_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/developer.yaml", "minCount: 1\n      maxCount: 2", "minCount: 0\n      maxCount: 2");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "infrastructure.nodePools[0].minCount", "must be >= 1 for a System pool");
    }

    [Fact]
    public void Validate_PoolAboveAksLimit_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "maxCount: 25", "maxCount: 5000");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "infrastructure.nodePools[2].maxCount", "must be <= 1000");
    }

    [Fact]
    public void Validate_InvalidSubscription_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "subscriptionId: 00000000-0000-0000-0000-000000000000", "subscriptionId: my-sub");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "infrastructure.subscriptionId", "must be a subscription GUID");
    }

    [Fact]
    public void Validate_InvalidKubernetesVersion_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "kubernetesVersion: \"1.32\"", "kubernetesVersion: latest");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "infrastructure.kubernetesVersion", "must be a Kubernetes version");
    }

    [Fact]
    public void Validate_GpuAppWithoutGpuCapacity_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/developer.yaml", "minCount: 0\n      maxCount: 1", "minCount: 0\n      maxCount: 0");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "infrastructure.nodePools", "app 'model-serving' requests nvidia.com/gpu but no GPU pool can scale above 0 nodes");
    }

    [Fact]
    public void Validate_ExistingProviderWithoutKubeconfig_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/developer.yaml", "  region: southeastasia", "  provider: existing\n  region: southeastasia");

        ProblemAssert.Has(fixture.Validate(), "profiles/developer.yaml", "infrastructure.kubeconfig", "is required");
    }
}
