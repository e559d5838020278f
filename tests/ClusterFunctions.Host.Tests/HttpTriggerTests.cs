using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClusterFunctions.Host.Tests;

public sealed class HttpTriggerTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task RouteValuesQueryAndAppSettings_ReachTheFunction_AndItsStatusCodeComesBack()
    {
        using HttpResponseMessage response = await Client.GetAsync("api/status/203?q=hello");

        Assert.Equal((HttpStatusCode)203, response.StatusCode);
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(203, body.GetProperty("code").GetInt32());
        Assert.Equal("hello", body.GetProperty("query").GetString());
        Assert.Equal("hello from local.settings.json", body.GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task RequestBody_IsForwardedToTheWorker()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/echo") { Content = new StringContent("payload ✓") };
        request.Headers.Add("x-functions-key", fixture.Host.Keys.DefaultFunctionKey);

        using HttpResponseMessage response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("payload ✓", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FunctionLevelRoute_RefusesMissingOrWrongKeys_AndTakesTheFunctionOrMasterKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostEchoAsync(key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostEchoAsync("not-a-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostEchoAsync(fixture.Host.Keys.DurableSystemKey));
        Assert.Equal(HttpStatusCode.OK, await PostEchoAsync(fixture.Host.Keys.DefaultFunctionKey));
        Assert.Equal(HttpStatusCode.OK, await PostEchoAsync(fixture.Host.Keys.MasterKey));

        using HttpResponseMessage byQuery = await Client.PostAsync($"api/echo?code={Uri.EscapeDataString(fixture.Host.Keys.DefaultFunctionKey)}", new StringContent("x"));
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
    }

    [Fact]
    public async Task AdminLevelRoute_TakesOnlyTheMasterKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithKeyAsync("api/secret", fixture.Host.Keys.DefaultFunctionKey));
        Assert.Equal(HttpStatusCode.OK, await GetWithKeyAsync("api/secret", fixture.Host.Keys.MasterKey));
    }

    [Fact]
    public async Task ThrowingFunction_Answers500()
    {
        using HttpResponseMessage response = await Client.GetAsync("api/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task RouteLessTrigger_AnswersOnItsFunctionName_AndOtherPathsAndMethodsDoNot()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("api/DefaultRoute")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("api/no-such-route")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Client.DeleteAsync("api/status/200")).StatusCode);
    }

    private async Task<HttpStatusCode> PostEchoAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/echo") { Content = new StringContent("x") };
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using HttpResponseMessage response = await Client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> GetWithKeyAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", key);
        using HttpResponseMessage response = await Client.SendAsync(request);
        return response.StatusCode;
    }
}
