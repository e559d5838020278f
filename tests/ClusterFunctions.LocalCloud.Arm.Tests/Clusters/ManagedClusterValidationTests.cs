using System.Net;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Clusters;

public sealed class ManagedClusterValidationTests
{
    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "pool name with upper case", """{"properties":{"agentPoolProfiles":[{"name":"System"}]}}""", "properties.agentPoolProfiles[0].name" },
        { "pool name over 12 characters", """{"properties":{"agentPoolProfiles":[{},{"name":"gpupoolnumber1"}]}}""", "properties.agentPoolProfiles[1].name" },
        { "minCount above maxCount", """{"properties":{"agentPoolProfiles":[{},{"minCount":9,"maxCount":2}]}}""", "properties.agentPoolProfiles[1].minCount" },
        { "count outside min/max", """{"properties":{"agentPoolProfiles":[{"count":9}]}}""", "properties.agentPoolProfiles[0].count" },
        { "no System pool", """{"properties":{"agentPoolProfiles":[{"mode":"User","minCount":1}]}}""", "properties.agentPoolProfiles" },
        { "vmSize missing", """{"properties":{"agentPoolProfiles":[{},{"vmSize":""}]}}""", "properties.agentPoolProfiles[1].vmSize" },
        { "unknown location", """{"location":"moon"}""", "location" },
        { "bad taint effect", """{"properties":{"agentPoolProfiles":[{},{"nodeTaints":["a=b:Never"]}]}}""", "properties.agentPoolProfiles[1].nodeTaints" },
        { "cilium policy without cilium dataplane", """{"properties":{"networkProfile":{"networkDataplane":"azure"}}}""", "properties.networkProfile.networkPolicy" },
        { "tag name with a slash", """{"tags":{"clusterfunctions.io/request-id":"r"}}""", "tags.clusterfunctions.io/request-id" },
        { "bad sku tier", """{"sku":{"tier":"Gold"}}""", "sku.tier" },
        { "dns prefix with dot", """{"properties":{"dnsPrefix":"a.b"}}""", "properties.dnsPrefix" },
        { "duplicate pool names", """{"properties":{"agentPoolProfiles":[{},{"name":"system"}]}}""", "properties.agentPoolProfiles[1].name" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Put_InvalidBody_Returns400NamingTheField(string scenario, string patch, string target)
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();
        var body = SampleBodies.Production();
        Merge(body, JsonNode.Parse(patch)!.AsObject());

        var response = await client.PutClusterAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, scenario);
        var error = (await EmulatorClient.ReadAsync(response))["error"]!;
        Assert.Equal(target, error["target"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Put_InvalidClusterName_Returns400InvalidResourceName()
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();

        var response = await client.PutClusterAsync(SampleBodies.Production(), name: "-bad-");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidResourceName", (await EmulatorClient.ReadAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("location", "westeurope", "location", "InvalidResourceLocation")]
    [InlineData("dnsPrefix", "other", "properties.dnsPrefix", "PropertyChangeNotAllowed")]
    public async Task Put_UpdateChangingImmutableProperty_Returns400(string field, string value, string target, string code)
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();
        await client.PutClusterAsync(SampleBodies.Production());
        await client.Http.GetAsync(EmulatorClient.ClusterPath());
        var body = SampleBodies.Production();
        (field == "location" ? body : body["properties"]!.AsObject())[field] = value;

        var response = await client.PutClusterAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorClient.ReadAsync(response))["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.Equal(target, error["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_ProductionShapedBody_IsAcceptedAndStoredUnchanged()
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();
        var body = SampleBodies.Production();

        var response = await client.PutClusterAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await client.Emulator.GetClusterBodyAsync(
            $"/subscriptions/{EmulatorClient.Subscription}/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1");
        Assert.True(JsonNode.DeepEquals(body, JsonNode.Parse(stored!)));
    }

    // Objects merge key by key; an array element that is an object merges into the element at the same index.
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else if (value is JsonArray items && target[key] is JsonArray existingItems)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (i < existingItems.Count && items[i] is JsonObject item && existingItems[i] is JsonObject existingItem)
                    {
                        Merge(existingItem, item);
                    }
                    else
                    {
                        existingItems.Add(items[i]?.DeepClone());
                    }
                }
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
