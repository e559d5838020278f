using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Durable.DependencyInjection;

namespace ClusterFunctions.Durable.Tests.Http;

public sealed class HttpApiTests
{
    private const string Prefix = "/runtime/webhooks/durabletask";

    private static void Register(DurableTaskBuilder b) => b
        .AddActivityFunc<int, int>("Double", (_, x) => Task.FromResult(x * 2))
        .AddOrchestratorFunc<int, int>("Doubler", (ctx, x) => ctx.CallActivityAsync<int>("Double", x))
        .AddOrchestratorFunc<int, int>("Waiter", async (ctx, x) => x + await ctx.WaitForExternalEvent<int>("Add"))
        .AddOrchestratorFunc<int, int>("Fails", (_, _) => throw new InvalidOperationException("no capacity"));

    [Fact]
    public async Task CreateCheckStatusResponse_HttpTrigger_Returns202WithLocationAndManagementUrls()
    {
        await using var host = await HttpApiHost.StartAsync(Register);

        using var response = await host.Http.PostAsync("/api/start/Doubler", null);
        var payload = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var id = payload["id"]!.GetValue<string>();
        var baseUrl = $"{host.Http.BaseAddress!.ToString().TrimEnd('/')}{Prefix}/instances/{id}";
        const string Query = "taskHub=ClusterFunctions&connection=Storage";
        Assert.Equal($"{baseUrl}?{Query}", payload["statusQueryGetUri"]!.GetValue<string>());
        Assert.Equal($"{baseUrl}/raiseEvent/{{eventName}}?{Query}", payload["sendEventPostUri"]!.GetValue<string>());
        Assert.Equal($"{baseUrl}/terminate?reason={{text}}&{Query}", payload["terminatePostUri"]!.GetValue<string>());
        Assert.Equal($"{baseUrl}?{Query}", payload["purgeHistoryDeleteUri"]!.GetValue<string>());
        Assert.Equal($"{baseUrl}/suspend?reason={{text}}&{Query}", payload["suspendPostUri"]!.GetValue<string>());
        Assert.Equal($"{baseUrl}/resume?reason={{text}}&{Query}", payload["resumePostUri"]!.GetValue<string>());
        Assert.Equal($"{baseUrl}/restart?{Query}", payload["restartPostUri"]!.GetValue<string>());
        Assert.Equal(new Uri($"{baseUrl}?{Query}"), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task GetStatus_PollingTheLocation_Gets202WhileRunningThen200WithOutput()
    {
        await using var host = await HttpApiHost.StartAsync(Register);
        using var start = await host.Http.PostAsync($"{Prefix}/orchestrators/Waiter/http-poll-1", Json("5"));
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await host.Client.WaitForInstanceStartAsync("http-poll-1");

        using var running = await host.Http.GetAsync(start.Headers.Location);
        var runningBody = JsonNode.Parse(await running.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal(start.Headers.Location, running.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(5), running.Headers.RetryAfter!.Delta);
        Assert.Equal("Running", runningBody["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(5, runningBody["input"]!.GetValue<int>());

        using var raised = await host.Http.PostAsync($"{Prefix}/instances/http-poll-1/raiseEvent/Add", Json("37"));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceCompletionAsync("http-poll-1", cancellationToken: guard.Token);

        using var done = await host.Http.GetAsync($"{Prefix}/instances/http-poll-1?showHistory=true&showHistoryOutput=true");
        var body = JsonNode.Parse(await done.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Null(done.Headers.Location);
        Assert.Equal("Waiter", body["name"]!.GetValue<string>());
        Assert.Equal("http-poll-1", body["instanceId"]!.GetValue<string>());
        Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
        Assert.Equal(42, body["output"]!.GetValue<int>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body["createdTime"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body["lastUpdatedTime"]!.GetValue<string>());
        var events = body["historyEvents"]!.AsArray().Select(e => e!["EventType"]!.GetValue<string>()).ToList();
        Assert.Equal(["ExecutionStarted", "EventRaised", "ExecutionCompleted"], events);
    }

    [Fact]
    public async Task GetStatus_FailedInstance_Returns200Or500WhenAsked()
    {
        await using var host = await HttpApiHost.StartAsync(Register);
        await host.Http.PostAsync($"{Prefix}/orchestrators/Fails/http-fail-1", null);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceCompletionAsync("http-fail-1", cancellationToken: guard.Token);

        using var plain = await host.Http.GetAsync($"{Prefix}/instances/http-fail-1");
        using var strict = await host.Http.GetAsync($"{Prefix}/instances/http-fail-1?returnInternalServerErrorOnFailure=true");
        var body = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, strict.StatusCode);
        Assert.Equal("Failed", body["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("no capacity", body["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Endpoints_UnknownInstance_Return404()
    {
        await using var host = await HttpApiHost.StartAsync(Register);

        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"{Prefix}/instances/missing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"{Prefix}/instances/missing/raiseEvent/E", Json("1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"{Prefix}/instances/missing/terminate?reason=x", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync($"{Prefix}/instances/missing")).StatusCode);
    }

    [Fact]
    public async Task RaiseEvent_CompletedInstanceOrBadBody_Returns410Or400()
    {
        await using var host = await HttpApiHost.StartAsync(Register);
        await host.Http.PostAsync($"{Prefix}/orchestrators/Doubler/http-gone-1", Json("1"));
        await host.Http.PostAsync($"{Prefix}/orchestrators/Waiter/http-bad-1", Json("1"));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceCompletionAsync("http-gone-1", cancellationToken: guard.Token);

        using var gone = await host.Http.PostAsync($"{Prefix}/instances/http-gone-1/raiseEvent/Add", Json("1"));
        using var badJson = await host.Http.PostAsync($"{Prefix}/instances/http-bad-1/raiseEvent/Add", Json("{not json"));
        using var notJson = await host.Http.PostAsync($"{Prefix}/instances/http-bad-1/raiseEvent/Add", new StringContent("1", Encoding.UTF8, "text/plain"));
        using var terminateGone = await host.Http.PostAsync($"{Prefix}/instances/http-gone-1/terminate?reason=late", null);

        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, terminateGone.StatusCode);
    }

    [Fact]
    public async Task TerminateSuspendResume_RunningInstance_Return202AndChangeStatus()
    {
        await using var host = await HttpApiHost.StartAsync(Register);
        await host.Http.PostAsync($"{Prefix}/orchestrators/Waiter/http-life-1", Json("1"));
        await host.Client.WaitForInstanceStartAsync("http-life-1");

        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"{Prefix}/instances/http-life-1/suspend?reason=pause", null)).StatusCode);
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync("http-life-1"))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"{Prefix}/instances/http-life-1/resume?reason=go", null)).StatusCode);
        await DurableTestHost.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync("http-life-1"))!.RuntimeStatus == OrchestrationRuntimeStatus.Running, "resumed");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync($"{Prefix}/instances/http-life-1/terminate?reason=stop%20now", null)).StatusCode);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync("http-life-1", true, guard.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("stop now", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ListAndPurge_WithFiltersAndContinuationToken_PageAndDelete()
    {
        await using var host = await HttpApiHost.StartAsync(Register);
        for (var i = 0; i < 5; i++)
        {
            await host.Http.PostAsync($"{Prefix}/orchestrators/Doubler/list-{i}", Json($"{i}"));
        }

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 5; i++)
        {
            await host.Client.WaitForInstanceCompletionAsync($"list-{i}", cancellationToken: guard.Token);
        }

        using var firstPage = await host.Http.GetAsync($"{Prefix}/instances?runtimeStatus=Completed,Failed&top=3&instanceIdPrefix=list-&showInput=true");
        var token = firstPage.Headers.GetValues("x-ms-continuation-token").Single();
        using var secondRequest = new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/instances?runtimeStatus=Completed&top=3&instanceIdPrefix=list-");
        secondRequest.Headers.Add("x-ms-continuation-token", token);
        using var secondPage = await host.Http.SendAsync(secondRequest);
        var first = JsonNode.Parse(await firstPage.Content.ReadAsStringAsync())!.AsArray();
        var second = JsonNode.Parse(await secondPage.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(["list-0", "list-1", "list-2"], first.Select(n => n!["instanceId"]!.GetValue<string>()));
        Assert.Equal(4, first[2]!["output"]!.GetValue<int>());
        Assert.Equal(2, first[2]!["input"]!.GetValue<int>());
        Assert.Equal(["list-3", "list-4"], second.Select(n => n!["instanceId"]!.GetValue<string>()));
        Assert.False(secondPage.Headers.Contains("x-ms-continuation-token"));

        using var badStatus = await host.Http.GetAsync($"{Prefix}/instances?runtimeStatus=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("Sleeping", await badStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var deleteOne = await host.Http.DeleteAsync($"{Prefix}/instances/list-0");
        Assert.Equal(1, (await deleteOne.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        using var deleteMany = await host.Http.DeleteAsync($"{Prefix}/instances?runtimeStatus=Completed");
        Assert.Equal(4, (await deleteMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync($"{Prefix}/instances?runtimeStatus=Completed")).StatusCode);
    }

    [Fact]
    public async Task StartOrchestrator_DuplicateRunningInstanceId_Returns409()
    {
        await using var host = await HttpApiHost.StartAsync(Register);
        await host.Http.PostAsync($"{Prefix}/orchestrators/Waiter/dup-1", Json("1"));

        using var again = await host.Http.PostAsync($"{Prefix}/orchestrators/Waiter/dup-1", Json("1"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("dup-1", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SystemKey_Configured_RequestsWithoutItAreRejectedAndUrlsCarryIt()
    {
        await using var host = await HttpApiHost.StartAsync(b =>
        {
            Register(b);
            b.Configure(o => o.HttpSystemKey = "k3y");
        });

        using var anonymous = await host.Http.GetAsync($"{Prefix}/instances/any");
        using var wrong = await host.Http.GetAsync($"{Prefix}/instances/any?code=nope");
        using var keyed = await host.Http.GetAsync($"{Prefix}/instances/any?code=k3y");
        using var started = await host.Http.PostAsync("/api/start/Doubler", null);
        var status = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["statusQueryGetUri"]!.GetValue<string>();
        using var polled = await host.Http.GetAsync(status);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, keyed.StatusCode);
        Assert.EndsWith("&code=k3y", status, StringComparison.Ordinal);
        Assert.True(polled.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"polling the generated URL gave {polled.StatusCode}");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
