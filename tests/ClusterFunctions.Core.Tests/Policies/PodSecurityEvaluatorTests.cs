using System.Text.Json.Nodes;
using ClusterFunctions.Core.Policies;

namespace ClusterFunctions.Core.Tests.Policies;

public class PodSecurityEvaluatorTests
{
    private static JsonObject Deployment(string podSpec) =>
        JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"w"},"spec":{"template":{"spec":""" + podSpec + "}}}")!.AsObject();

    private const string RestrictedContainer = """{"name":"c","image":"i","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}""";

    [Fact]
    public void Evaluate_CompliantPodUnderRestricted_HasNoViolations()
    {
        var workload = Deployment($$$"""{"securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{{{RestrictedContainer}}}]}""");

        Assert.Empty(PodSecurityEvaluator.Evaluate(workload, PodSecurityLevel.Restricted));
    }

    [Fact]
    public void Evaluate_RootPodUnderBaseline_IsAllowed()
    {
        var workload = Deployment("""{"containers":[{"name":"c","image":"i"}]}""");

        Assert.Empty(PodSecurityEvaluator.Evaluate(workload, PodSecurityLevel.Baseline));
    }

    [Theory]
    [InlineData("""{"hostNetwork":true,"containers":[{"name":"c"}]}""", "spec.template.spec.hostNetwork")]
    [InlineData("""{"containers":[{"name":"c","securityContext":{"privileged":true}}]}""", "containers[0].securityContext.privileged")]
    [InlineData("""{"containers":[{"name":"c","securityContext":{"capabilities":{"add":["SYS_ADMIN"]}}}]}""", "capability SYS_ADMIN is not allowed")]
    [InlineData("""{"containers":[{"name":"c","ports":[{"containerPort":80,"hostPort":80}]}]}""", "host ports are not allowed")]
    [InlineData("""{"volumes":[{"name":"v","hostPath":{"path":"/"}}],"containers":[{"name":"c"}]}""", "hostPath volumes are not allowed")]
    [InlineData("""{"initContainers":[{"name":"i","securityContext":{"privileged":true}}],"containers":[{"name":"c"}]}""", "initContainers[0].securityContext.privileged")]
    [InlineData("""{"securityContext":{"seccompProfile":{"type":"Unconfined"}},"containers":[{"name":"c"}]}""", "seccomp profile Unconfined")]
    public void Evaluate_BaselineViolation_IsNamed(string podSpec, string expected)
    {
        var violations = PodSecurityEvaluator.Evaluate(Deployment(podSpec), PodSecurityLevel.Baseline);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","securityContext":{"capabilities":{"drop":["ALL"]}}}]}""", "allowPrivilegeEscalation: must be false")]
    [InlineData("""{"securityContext":{"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}""", "runAsNonRoot: must be true")]
    [InlineData("""{"securityContext":{"runAsNonRoot":true},"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}""", "seccompProfile.type: must be RuntimeDefault or Localhost")]
    [InlineData("""{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":false}}]}""", "capabilities.drop: must include ALL")]
    [InlineData("""{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},"volumes":[{"name":"n","nfs":{"server":"s","path":"/"}}],"containers":[{"name":"c","securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}""", "volume type nfs is not allowed")]
    public void Evaluate_RestrictedViolation_IsNamed(string podSpec, string expected)
    {
        var violations = PodSecurityEvaluator.Evaluate(Deployment(podSpec), PodSecurityLevel.Restricted);

        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_ContainerOverridesPodRunAsNonRoot()
    {
        var workload = Deployment("""{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},"containers":[{"name":"c","securityContext":{"runAsNonRoot":false,"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}""");

        Assert.Contains(PodSecurityEvaluator.Evaluate(workload, PodSecurityLevel.Restricted), v => v.Contains("runAsNonRoot", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_KindWithoutPods_IsIgnored()
    {
        var service = JsonNode.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{}}""")!.AsObject();

        Assert.Empty(PodSecurityEvaluator.Evaluate(service, PodSecurityLevel.Restricted));
    }
}
