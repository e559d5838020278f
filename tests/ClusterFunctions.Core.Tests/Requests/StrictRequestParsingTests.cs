using System.Text;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Requests;

/// <summary>One test per rule of strict request parsing: each names the field and the rule it breaks.</summary>
public class StrictRequestParsingTests
{
    private const string Valid = "\"requestId\":\"r1\",\"clusterName\":\"demo\",\"profile\":\"developer\"";

    private static IReadOnlyList<CatalogProblem> Refused(string json)
    {
        var (request, problems) = ClusterRequestParser.Parse(json);
        Assert.Null(request);
        Assert.NotEmpty(problems);
        return problems;
    }

    [Fact]
    public void Parse_DuplicateField_IsRefusedNotLastWins()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"clusterName\":\"other\"}"), "request", "clusterName", "appears more than once");
    }

    [Fact]
    public void Parse_DuplicateFieldInsideOverrides_NamesTheNestedPath()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"nodePools\":{\"gpu\":{\"maxCount\":1,\"maxCount\":9}}}}"), "request", "overrides.nodePools.gpu.maxCount", "appears more than once");
    }

    [Fact]
    public void Parse_NumberSentAsString_NamesTheFieldAndBothTypes()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"nodePools\":{\"gpu\":{\"minCount\":\"0\"}}}}"), "request", "overrides.nodePools.gpu.minCount", "expected a number, got a string");
    }

    [Fact]
    public void Parse_StringSentAsNumber_IsRefused()
    {
        ProblemAssert.Has(Refused("{\"requestId\":42,\"clusterName\":\"demo\",\"profile\":\"developer\"}"), "request", "requestId", "expected a string, got a number");
    }

    [Fact]
    public void Parse_FractionalCount_IsRefused()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"nodePools\":{\"gpu\":{\"maxCount\":1.5}}}}"), "request", "overrides.nodePools.gpu.maxCount", "expected a whole number, got 1.5");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1001")]
    [InlineData("9223372036854775808")]
    public void Parse_CountOutOfRange_IsRefused(string count)
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"nodePools\":{\"gpu\":{\"maxCount\":" + count + "}}}}"), "request", "overrides.nodePools.gpu.maxCount", "between 0 and 1000");
    }

    [Fact]
    public void Parse_NumberBeyondDouble_IsRefused()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"nodePools\":{\"gpu\":{\"maxCount\":1e999}}}}"), "request", "overrides.nodePools.gpu.maxCount", "number out of range");
    }

    [Fact]
    public void Parse_LabelValueNotAString_IsRefused()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"labels\":{\"team\":true}}"), "request", "labels.team", "expected a string, got a boolean");
    }

    [Fact]
    public void Parse_OverridesNotAnObject_IsRefused()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":[]}"), "request", "overrides", "expected an object, got an array");
    }

    [Fact]
    public void Parse_UnknownField_ListsTheKnownOnes()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"admin\":true}"), "request", "admin", "unknown field (expected one of: requestId, clusterName, profile, requestedBy, labels, overrides, ttl)");
    }

    [Fact]
    public void Parse_UnknownFieldInsideOverrides_IsRefused()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"vmSize\":\"Standard_D64s_v5\"}}"), "request", "overrides.vmSize", "unknown field");
    }

    [Fact]
    public void Parse_WrongCaseFieldName_SaysNamesAreCaseSensitive()
    {
        var problems = Refused("{\"RequestId\":\"r1\",\"clusterName\":\"demo\",\"profile\":\"developer\"}");

        ProblemAssert.Has(problems, "request", "RequestId", "field names are case-sensitive, did you mean 'requestId'?");
        ProblemAssert.Has(problems, "request", "requestId", "is required");
    }

    [Fact]
    public void Parse_NestingDeeperThanSixteen_IsRefusedAtTheField()
    {
        var deep = "{" + Valid + ",\"labels\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var problems = Refused(deep);

        Assert.Contains(problems, p => p.Path.StartsWith("labels[0]", StringComparison.Ordinal) && p.Message == "nested deeper than 16 levels");
    }

    [Fact]
    public void Parse_NestingOfSixteen_IsNotRefusedForDepth()
    {
        // 15 arrays inside the top-level object: 16 levels, the most allowed; refused only for its type.
        var problems = Refused("{" + Valid + ",\"labels\":" + new string('[', 15) + new string(']', 15) + "}");

        ProblemAssert.Has(problems, "request", "labels", "expected an object, got an array");
    }

    [Fact]
    public void Parse_MissingRequiredFields_NamesEachOne()
    {
        var problems = Refused("{\"requestId\":\"r1\"}");

        ProblemAssert.Has(problems, "request", "clusterName", "is required");
        ProblemAssert.Has(problems, "request", "profile", "is required");
    }

    [Fact]
    public void Parse_RequiredFieldNull_IsRefused()
    {
        ProblemAssert.Has(Refused("{\"requestId\":null,\"clusterName\":\"demo\",\"profile\":\"developer\"}"), "request", "requestId", "is required, got null");
    }

    [Fact]
    public void Parse_OptionalFieldsNull_MeanAbsent()
    {
        // What System.Text.Json writes for a request with no overrides (the CLI sends this).
        var (request, problems) = ClusterRequestParser.Parse("{" + Valid + ",\"overrides\":null,\"requestedBy\":null,\"labels\":null}");

        Assert.Empty(problems);
        Assert.Null(request!.Overrides);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"demo\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Parse_TopLevelNotAnObject_IsRefused(string json)
    {
        ProblemAssert.Has(Refused(json), "request", "", "expected a JSON object");
    }

    [Fact]
    public void Parse_ContentAfterTheObject_IsRefused()
    {
        ProblemAssert.Has(Refused("{" + Valid + "}{\"admin\":true}"), "request", "", "malformed JSON");
    }

    [Fact]
    public void Parse_Comments_AreRefused()
    {
        Assert.Contains(Refused("{" + Valid + " /* hi */}"), p => p.Message.StartsWith("malformed JSON", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TrailingComma_IsRefused()
    {
        Assert.Contains(Refused("{" + Valid + ",}"), p => p.Message.StartsWith("malformed JSON", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("demo\\u0000x", "U+0000")]
    [InlineData("demo\\u001b[31m", "U+001B")]
    [InlineData("demo\\u202Eevil", "U+202E")]
    public void Parse_ControlCharacterInAString_IsRefused(string value, string shown)
    {
        ProblemAssert.Has(Refused("{\"requestId\":\"r1\",\"clusterName\":\"" + value + "\",\"profile\":\"developer\"}"), "request", "clusterName", $"control character {shown}");
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_IsRefused()
    {
        ProblemAssert.Has(Refused("{\"requestId\":\"\\ud800\",\"clusterName\":\"demo\",\"profile\":\"developer\"}"), "request", "requestId", "not valid Unicode");
    }

    [Fact]
    public void Parse_InvalidUtf8_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("{\"requestId\":\"r1\",\"clusterName\":\"demo\",\"profile\":\"x\"}");
        body[^3] = 0xFF;

        var (request, problems) = ClusterRequestParser.Parse(body);

        Assert.Null(request);
        ProblemAssert.Has(problems, "request", "", "not valid UTF-8");
    }

    [Fact]
    public void Parse_HugeString_IsRefusedWithTheLimit()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"requestedBy\":\"" + new string('a', 5000) + "\"}"), "request", "requestedBy", "longer than 4096 characters");
    }

    [Fact]
    public void Parse_HugeEscapedString_IsRefusedWithTheLimit()
    {
        ProblemAssert.Has(Refused("{" + Valid + ",\"requestedBy\":\"" + string.Concat(Enumerable.Repeat("\\u0061", 5000)) + "\"}"), "request", "requestedBy", "longer than 4096 characters");
    }

    [Fact]
    public void Parse_HostileFieldName_IsQuotedAndCutInThePath()
    {
        var problems = Refused("{" + Valid + ",\"a.b\\\"c" + new string('x', 100) + "\":1}");

        Assert.Contains(problems, p => p.Path.StartsWith("[\"a.b\\\"cx", StringComparison.Ordinal) && p.Path.EndsWith("...\"]", StringComparison.Ordinal) && p.Message.StartsWith("unknown field", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TooManyPoolOverrides_IsRefused()
    {
        var pools = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"p{i}\":{{}}"));

        ProblemAssert.Has(Refused("{" + Valid + ",\"overrides\":{\"nodePools\":{" + pools + "}}}"), "request", "overrides.nodePools", "at most 16 entries, got 17");
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsAccepted()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{" + Valid + "}")).ToArray();

        var (request, problems) = ClusterRequestParser.Parse(body);

        Assert.Empty(problems);
        Assert.Equal("demo", request!.ClusterName);
    }

    [Fact]
    public void ParseApproval_ApprovedAsString_IsRefused()
    {
        var (request, problems) = ClusterRequestParser.ParseApproval("{\"approved\":\"true\"}"u8);

        Assert.Null(request);
        ProblemAssert.Has(problems, "request", "approved", "expected a boolean, got a string");
    }

    [Fact]
    public void ParseApproval_MissingDecision_IsRefused()
    {
        var (_, problems) = ClusterRequestParser.ParseApproval("{\"comment\":\"ok\"}"u8);

        ProblemAssert.Has(problems, "request", "approved", "is required");
    }

    [Fact]
    public void ParseApproval_LongComment_IsRefused()
    {
        var (_, problems) = ClusterRequestParser.ParseApproval(Encoding.UTF8.GetBytes("{\"approved\":true,\"comment\":\"" + new string('c', 1025) + "\"}"));

        ProblemAssert.Has(problems, "request", "comment", "at most 1024 characters");
    }

    [Fact]
    public void ParseApproval_ValidBody_ReadsTheDecision()
    {
        var (request, problems) = ClusterRequestParser.ParseApproval("{\"approved\":false,\"comment\":\"not today\"}"u8);

        Assert.Empty(problems);
        Assert.Equal(new ApprovalRequest(false, "not today"), request);
    }

    [Fact]
    public void ParseCancel_ReasonOfTheWrongTypeOrTooLong_IsRefusedNamingIt()
    {
        var (_, number) = ClusterRequestParser.ParseCancel("{\"reason\":5}"u8);
        var (_, tooLong) = ClusterRequestParser.ParseCancel(Encoding.UTF8.GetBytes("{\"reason\":\"" + new string('r', 1025) + "\"}"));
        var (_, unknown) = ClusterRequestParser.ParseCancel("{\"why\":\"no\"}"u8);

        ProblemAssert.Has(number, "request", "reason", "expected a string, got a number");
        ProblemAssert.Has(tooLong, "request", "reason", "at most 1024 characters");
        ProblemAssert.Has(unknown, "request", "why", "unknown field");
    }

    [Fact]
    public void ParseCancel_ValidBodies_ReadTheReasonOrNone()
    {
        Assert.Equal(new CancelRequest("no longer needed"), ClusterRequestParser.ParseCancel("{\"reason\":\"no longer needed\"}"u8).Request);
        Assert.Equal(new CancelRequest(), ClusterRequestParser.ParseCancel("{}"u8).Request);
    }

    [Fact]
    public void ParseDecision_UnknownFieldAndDuplicate_AreRefused()
    {
        var (_, unknown) = ClusterRequestParser.ParseDecision("{\"clusterName\":\"demo\",\"approved\":true}"u8);
        var (_, duplicate) = ClusterRequestParser.ParseDecision("{\"clusterName\":\"demo\",\"clusterName\":\"prod\"}"u8);

        ProblemAssert.Has(unknown, "request", "approved", "unknown field (expected one of: clusterName, comment)");
        ProblemAssert.Has(duplicate, "request", "clusterName", "appears more than once");
    }

    [Fact]
    public void ParseDecision_ValidBody_ReadsTheCluster()
    {
        var (request, problems) = ClusterRequestParser.ParseDecision("{\"clusterName\":\"demo\",\"comment\":\"change 7\"}"u8);

        Assert.Empty(problems);
        Assert.Equal(new ClusterDecision("demo", "change 7"), request);
    }
}
