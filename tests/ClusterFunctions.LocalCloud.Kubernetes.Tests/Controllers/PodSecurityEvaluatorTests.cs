using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Controllers;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Controllers;

public sealed class PodSecurityEvaluatorTests
{
    private static JsonObject Namespace(string? enforce) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = enforce is null ? new JsonObject() : new JsonObject { [PodSecurityEvaluator.EnforceLabel] = enforce } },
    };

    private static JsonObject Pod(string securityContextJson, string extraSpec = "") =>
        JsonNode.Parse($$"""{"containers":[{"name":"app","image":"x","securityContext":{{securityContextJson}}}]{{extraSpec}}}""")!.AsObject();

    private const string Restricted = """{"allowPrivilegeEscalation":false,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]},"seccompProfile":{"type":"RuntimeDefault"}}""";

    [Fact]
    public void Evaluate_RestrictedCompliantPod_IsAllowed()
    {
        Assert.Null(PodSecurityEvaluator.Evaluate(Namespace("restricted"), Pod(Restricted)));
    }

    [Fact]
    public void Evaluate_EmptySecurityContextUnderRestricted_ListsEveryMissingControl()
    {
        var refusal = PodSecurityEvaluator.Evaluate(Namespace("restricted"), Pod("{}"));

        Assert.Equal(
            "violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"app\" must set securityContext.allowPrivilegeEscalation=false), "
            + "unrestricted capabilities (container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]), "
            + "runAsNonRoot != true (pod or container \"app\" must set securityContext.runAsNonRoot=true), "
            + "seccompProfile (pod or container \"app\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
            refusal);
    }

    [Fact]
    public void Evaluate_EmptySecurityContextUnderBaseline_IsAllowed()
    {
        Assert.Null(PodSecurityEvaluator.Evaluate(Namespace("baseline"), Pod("{}")));
    }

    [Fact]
    public void Evaluate_HostNetworkAndHostPathUnderBaseline_AreRefused()
    {
        var refusal = PodSecurityEvaluator.Evaluate(Namespace("baseline"),
            Pod("{}", ""","hostNetwork":true,"volumes":[{"name":"root","hostPath":{"path":"/"}}]"""));

        Assert.Equal("violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true), hostPath volumes (volume \"root\")", refusal);
    }

    [Fact]
    public void Evaluate_PrivilegedWithoutEnforceLabel_IsAllowed()
    {
        Assert.Null(PodSecurityEvaluator.Evaluate(Namespace(null), Pod("""{"privileged":true}""")));
    }

    [Fact]
    public void Evaluate_PodLevelRunAsNonRootAndSeccomp_SatisfyRestricted()
    {
        var pod = Pod("""{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}""",
            ""","securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}""");

        Assert.Null(PodSecurityEvaluator.Evaluate(Namespace("restricted"), pod));
    }
}
