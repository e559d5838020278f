using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClusterFunctions.Host.Tests;

public sealed class DurableEngineTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task FanOut_StartedByTheDurableClient_RunsEveryActivityOnTheRealEngine()
    {
        JsonElement status = await TestAppHost.RunFanOutAsync(fixture.Host, Client, "10", TimeSpan.FromSeconds(60));

        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        JsonElement output = status.GetProperty("output");
        Assert.Equal(10, output.GetProperty("Activities").GetInt32());
        Assert.Equal(385, output.GetProperty("Sum").GetInt32()); // 1² + … + 10²
    }

    [Fact]
    public async Task ActivityException_ReachesTheOrchestratorWithItsTypeAndMessage()
    {
        // As on Azure: the worker sends the failure serialized, the host hands it to the extension in the shape the
        // Functions host uses, and the orchestrator sees the activity's own exception (retry policies depend on it).
        using var start = new HttpRequestMessage(HttpMethod.Post, "runtime/webhooks/durabletask/orchestrators/FailureOrchestrator");
        start.Headers.Add("x-functions-key", fixture.Host.Keys.DurableSystemKey);
        using HttpResponseMessage started = await Client.SendAsync(start);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        string id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonElement status = await TestAppHost.WaitForInstanceAsync(fixture.Host, Client, id, TimeSpan.FromSeconds(60));

        JsonElement output = status.GetProperty("output");
        Assert.Equal("System.InvalidOperationException", output.GetProperty("ErrorType").GetString());
        Assert.Equal("the activity failed on purpose", output.GetProperty("ErrorMessage").GetString());
        Assert.True(output.GetProperty("CausedByInvalidOperation").GetBoolean());
    }

    [Fact]
    public async Task ManagementApi_OpensOnlyToTheSystemKey()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await ListInstancesAsync(key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListInstancesAsync(fixture.Host.Keys.DefaultFunctionKey));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListInstancesAsync(fixture.Host.Keys.MasterKey));
        Assert.Equal(HttpStatusCode.OK, await ListInstancesAsync(fixture.Host.Keys.DurableSystemKey));
    }

    [Fact]
    public async Task CheckStatusUrls_CarryNoKey_AndAnswerTheSystemKey()
    {
        using HttpResponseMessage started = await Client.PostAsync("api/fanout/2?checkStatus=true", null);
        JsonElement payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        string statusUrl = payload.GetProperty("statusQueryGetUri").GetString()!;

        Assert.StartsWith(new Uri(fixture.Host.BaseUrl, "runtime/webhooks/durabletask/instances/").ToString(), statusUrl);
        Assert.DoesNotContain("code=", payload.GetRawText());
        Assert.DoesNotContain(fixture.Host.Keys.DurableSystemKey, payload.GetRawText());
        using var request = new HttpRequestMessage(HttpMethod.Get, statusUrl);
        request.Headers.Add("x-functions-key", fixture.Host.Keys.DurableSystemKey);
        using HttpResponseMessage status = await Client.SendAsync(request);
        Assert.True(status.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"status URL answered {status.StatusCode}");
        Assert.Equal(payload.GetProperty("id").GetString(), (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instanceId").GetString());
    }

    private async Task<HttpStatusCode> ListInstancesAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "runtime/webhooks/durabletask/instances");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using HttpResponseMessage response = await Client.SendAsync(request);
        return response.StatusCode;
    }
}
