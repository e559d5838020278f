using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Requests;
using Json.Schema;

namespace ClusterFunctions.Core.Tests.Requests;

public class ClusterRequestSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(ClusterRequestSchema.Build().ToJsonString());

    public static TheoryData<string> Examples => new() { ClusterRequestSchema.HttpExample().ToJsonString(), ClusterRequestSchema.QueueExample().ToJsonString() };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_AreValidForTheSchemaAndAcceptedByTheParserAndValidator(string body)
    {
        Assert.True(Evaluate(body), "the example does not match the schema");
        var (request, problems) = ClusterRequestParser.Parse(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Empty(problems);
        var catalog = CatalogLoader.Load(CatalogFixture.ShippedCatalogDirectory).Catalog;
        Assert.Empty(ClusterRequestValidator.Validate(request!, catalog));
    }

    [Theory]
    [InlineData("""{"requestId":"r1","clusterName":"demo"}""")]
    [InlineData("""{"requestId":"r1","clusterName":"demo","profile":"developer","name":"x"}""")]
    [InlineData("""{"requestId":"r1","clusterName":"Demo_1","profile":"developer"}""")]
    [InlineData("""{"requestId":"r1","clusterName":"demo","profile":"developer","overrides":{"nodePools":{"gpu":{"minCount":"0"}}}}""")]
    [InlineData("""{"requestId":"r1","clusterName":"demo","profile":"developer","overrides":{"region":"mars"}}""")]
    [InlineData("""{"requestId":"r1","clusterName":"demo","profile":"developer","labels":{"team":{"x":1}}}""")]
    public void BodiesTheValidatorRefuses_AreInvalidForTheSchemaToo(string body) => Assert.False(Evaluate(body));

    [Theory]
    [InlineData(typeof(ClusterRequest), "properties")]
    [InlineData(typeof(RequestOverrides), "properties.overrides.properties")]
    [InlineData(typeof(NodePoolBounds), "properties.overrides.properties.nodePools.additionalProperties.properties")]
    public void SchemaProperties_AreExactlyTheRequestTypesProperties(Type type, string path)
    {
        JsonNode node = ClusterRequestSchema.Build();
        foreach (var step in path.Split('.'))
        {
            node = node[step]!;
        }

        var documented = node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
            .Order(StringComparer.Ordinal);
        Assert.Equal(declared, documented);
    }

    [Fact]
    public void CheckedInSchema_IsTheOneTheCodeBuilds()
    {
        // Regenerate with: ./cluster schema > infra/schema/cluster-request.schema.json
        var checkedIn = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cluster-request.schema.json")));

        Assert.True(JsonNode.DeepEquals(ClusterRequestSchema.Build(), checkedIn), "infra/schema/cluster-request.schema.json is stale: run ./cluster schema > infra/schema/cluster-request.schema.json");
    }

    private static bool Evaluate(string body) => Schema.Evaluate(JsonNode.Parse(body)).IsValid;
}
