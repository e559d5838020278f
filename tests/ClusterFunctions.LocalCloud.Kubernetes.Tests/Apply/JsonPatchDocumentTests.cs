using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Apply;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Apply;

public sealed class JsonPatchDocumentTests
{
    private static JsonNode Patch(string document, string patch) =>
        JsonPatchDocument.Apply(JsonNode.Parse(document)!, JsonPatchDocument.Parse(JsonNode.Parse(patch)));

    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":2}]""", """{"a":1,"b":2}""")]
    [InlineData("""{"l":[1,3]}""", """[{"op":"add","path":"/l/1","value":2}]""", """{"l":[1,2,3]}""")]
    [InlineData("""{"l":[1]}""", """[{"op":"add","path":"/l/-","value":2}]""", """{"l":[1,2]}""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"remove","path":"/a"}]""", """{"b":2}""")]
    [InlineData("""{"a":{"x":1}}""", """[{"op":"replace","path":"/a/x","value":"y"}]""", """{"a":{"x":"y"}}""")]
    [InlineData("""{"a":{"x":1},"b":{}}""", """[{"op":"move","from":"/a/x","path":"/b/x"}]""", """{"a":{},"b":{"x":1}}""")]
    [InlineData("""{"a":[1]}""", """[{"op":"copy","from":"/a","path":"/b"}]""", """{"a":[1],"b":[1]}""")]
    [InlineData("""{"a/b":{"~c":1}}""", """[{"op":"test","path":"/a~1b/~0c","value":1},{"op":"remove","path":"/a~1b/~0c"}]""", """{"a/b":{}}""")]
    public void Apply_EachOperation_DoesWhatRfc6902Says(string document, string patch, string expected)
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), Patch(document, patch)), Patch(document, patch).ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""", "operation 0 (test /a) failed: the value is 1, not 2")]
    [InlineData("""[{"op":"add","path":"/b","value":2},{"op":"remove","path":"/missing"}]""", "operation 1 (remove /missing) failed: \"/missing\" does not exist")]
    [InlineData("""[{"op":"replace","path":"/missing/x","value":2}]""", "operation 0 (replace /missing/x) failed: \"/missing/x\" does not exist")]
    [InlineData("""[{"op":"add","path":"/l/5","value":2}]""", "operation 0 (add /l/5) failed: index 5 is out of range (the array has 1 items)")]
    public void Apply_OperationThatDoesNotApply_NamesTheOperation(string patch, string message)
    {
        var error = Assert.Throws<JsonPatchException>(() => Patch("""{"a":1,"l":[0]}""", patch));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "a JSON patch must be an array of operations")]
    [InlineData("""[{"op":"add","path":"/a"}]""", "operation 0 (add): \"value\" is required")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "operation 0: \"from\" must be a string")]
    [InlineData("""[{"op":"merge","path":"/a"}]""", "operation 0: unknown op \"merge\" (add, remove, replace, move, copy or test)")]
    public void Parse_MalformedPatch_SaysWhatIsWrong(string patch, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => JsonPatchDocument.Parse(JsonNode.Parse(patch))).Message);
    }
}
