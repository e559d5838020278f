using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Admission;

public sealed class CelEvaluatorTests
{
    private static readonly Dictionary<string, object?> Context = new()
    {
        ["request"] = JsonNode.Parse("""{"operation":"UPDATE","userInfo":{"username":"system:serviceaccount:cf:platform","groups":["system:masters","devs"]}}""")!.AsObject(),
        ["object"] = JsonNode.Parse("""{"metadata":{"name":"r","labels":{"clusterfunctions.io/protected":"true"}},"spec":{"replicas":3}}""")!.AsObject(),
        ["oldObject"] = null,
    };

    private static object? Eval(string expression) => new CelEvaluator(Context).Evaluate(CelParser.Parse(expression));

    [Theory]
    [InlineData("request.userInfo.username == 'system:serviceaccount:cf:platform'", true)]
    [InlineData("'system:masters' in request.userInfo.groups", true)]
    [InlineData("'other' in request.userInfo.groups || request.operation != 'UPDATE'", false)]
    [InlineData("!('devs' in request.userInfo.groups) && true", false)]
    [InlineData("has(object.metadata.labels) && object.metadata.labels['clusterfunctions.io/protected'] == 'true'", true)]
    [InlineData("has(object.metadata.annotations)", false)]
    [InlineData("request.userInfo.username.startsWith(\"system:serviceaccount:\")", true)]
    [InlineData("object.spec.replicas <= 5 && object.spec.replicas + 1 == 4", true)]
    [InlineData("oldObject == null ? true : false", true)]
    [InlineData("request.userInfo.groups.exists(g, g.startsWith('dev'))", true)]
    [InlineData("request.userInfo.groups.all(g, g.startsWith('system:'))", false)]
    [InlineData("size(request.userInfo.groups) == 2", true)]
    [InlineData("object.missing == 1 || true", true)]
    public void Evaluate_SupportedExpression_GivesCelResult(string expression, bool expected)
    {
        Assert.Equal(expected, Eval(expression));
    }

    [Fact]
    public void Evaluate_MissingField_ThrowsNoSuchKey()
    {
        var error = Assert.Throws<CelException>(() => Eval("object.metadata.annotations['x'] == 'y'"));

        Assert.Equal("no such key: annotations", error.Message);
    }

    [Fact]
    public void Parse_UnbalancedParenthesis_ThrowsSyntaxError()
    {
        var error = Assert.Throws<CelException>(() => CelParser.Parse("(a == b"));

        Assert.StartsWith("Syntax error: expected ')'", error.Message);
    }
}
