namespace ClusterFunctions.Core.Tests.Catalog;

public class ManifestValidationTests
{
    [Fact]
    public void Validate_PrivilegedContainer_IsRefusedAtPlanTime()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "                allowPrivilegeEscalation: false\n", "                privileged: true\n                allowPrivilegeEscalation: false\n");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests[0].spec.template.spec.containers[0].securityContext.privileged: privileged containers are not allowed (pod security level \"restricted\")", "would be refused by Pod Security Admission in namespace 'redis'");
    }

    [Fact]
    public void Validate_RootWorkloadUnderRestricted_IsRefusedAtPlanTime()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "            runAsNonRoot: true\n            runAsUser: 999", "            runAsUser: 0");

        var problems = fixture.Validate();

        Assert.Contains(problems, p => p.File == "apps/redis.yaml" && p.Path.Contains("runAsNonRoot: must be true", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.File == "apps/redis.yaml" && p.Path.Contains("securityContext.runAsUser: running as user 0 (root) is not allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HostPathUnderBaseline_IsRefused()
    {
        using var fixture = new CatalogFixture()
            .Replace("policies/pod-security.yaml", "default: restricted", "default: baseline")
            .Replace("apps/redis.yaml", "volumes: [{ name: data, emptyDir: {} }]", "volumes: [{ name: data, hostPath: { path: /var/data } }]");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests[0].spec.template.spec.volumes[0].hostPath: hostPath volumes are not allowed (pod security level \"baseline\")", "would be refused");
    }

    [Fact]
    public void Validate_DuplicateResourceAcrossBundles_NamesTheOwner()
    {
        using var fixture = new CatalogFixture().Append("apps/kafka.yaml", "  - apiVersion: v1\n    kind: Service\n    metadata: { name: redis, namespace: redis }\n    spec: { ports: [{ port: 1 }] }\n");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests", "duplicate resource Service redis/redis: bundle 'kafka' already defines it");
    }

    [Fact]
    public void Validate_UnknownVariable_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "\"--maxmemory\", \"${maxmemory}\"", "\"--maxmemory\", \"${maxmem}\"");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests[0].spec.template.spec.containers[0].args[1]", "unknown variable ${maxmem}");
    }

    [Fact]
    public void Validate_UnsupportedKind_ListsSupportedKinds()
    {
        using var fixture = new CatalogFixture().Append("apps/redis.yaml", "  - apiVersion: example.com/v1\n    kind: Widget\n    metadata: { name: w }\n");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests[2].kind", "unsupported kind example.com/v1/Widget");
    }

    [Fact]
    public void Validate_ClusterScopedKindWithNamespace_IsReported()
    {
        using var fixture = new CatalogFixture().Append("apps/redis.yaml", "  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata: { name: redis-reader, namespace: redis }\n    rules: []\n");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests[2].metadata.namespace", "must not be set: ClusterRole is cluster-scoped");
    }

    [Fact]
    public void Validate_ObjectInNamespaceThePlanLacks_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("policies/developer-access.yaml", "namespace: ai }\n    rules:", "namespace: data }\n    rules:");

        ProblemAssert.Has(fixture.Validate(), "policies/developer-access.yaml", "manifests[0].metadata.namespace", "namespace 'data' is not created by this plan");
    }

    [Fact]
    public void Validate_InvalidObjectName_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "metadata: { name: redis }", "metadata: { name: Redis_Service }");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "manifests[1].metadata.name", "must be a DNS-1123 subdomain");
    }

    [Fact]
    public void Validate_ReadinessOnMissingWorkload_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("apps/redis.yaml", "workloads: [Deployment/redis]", "workloads: [StatefulSet/redis]");

        ProblemAssert.Has(fixture.Validate(), "apps/redis.yaml", "readiness.workloads[0]", "no StatefulSet named 'redis' in this bundle's manifests");
    }

    [Fact]
    public void Validate_UnknownParameterOverride_ListsTheBundleParameters()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "parameters: { replicas: 2 }", "parameters: { replica: 2 }");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "apps[0].parameters.replica", "unknown parameter of 'model-serving' (it has: gpus, memory, model, replicas)");
    }

    [Fact]
    public void Validate_ParameterOutOfRange_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/production.yaml", "parameters: { replicas: 2 }", "parameters: { replicas: 200 }");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "apps[0].parameters.replicas", "must be <= 25");
    }

    [Fact]
    public void Validate_ParameterOutsideEnum_IsReported()
    {
        using var fixture = new CatalogFixture().Replace("profiles/base.yaml", "  - name: pod-security\n", "  - name: pod-security\n    parameters: { level: privileged }\n");

        ProblemAssert.Has(fixture.Validate(), "profiles/production.yaml", "policies[0].parameters.level", "must be one of: baseline, restricted");
    }
}
