using System.Net;

namespace ClusterFunctions.Functions.Tests;

public class LimitsTests(LimitsFixture app) : IClassFixture<LimitsFixture>
{
    private static HttpClient Client(EmbeddedAppFixture app, string key)
    {
        var client = new HttpClient { BaseAddress = app.App.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    [Fact]
    public async Task Requests_OverTheCallersRate_Return429WithRetryAfter_OtherCallersUnaffected()
    {
        using var noisy = Client(app, app.NoisyKey);
        using var quiet = Client(app, app.DeveloperKey);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await noisy.GetAsync("api/profiles"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("api/profiles")).StatusCode);
    }

    [Fact]
    public async Task Builds_OverTheRequesterOrTotalQuota_Return429WithRetryAfter()
    {
        using var developer = Client(app, app.DeveloperKey);
        using var platform = Client(app, app.FunctionKey);
        async Task<HttpResponseMessage> Post(HttpClient client, string name) =>
            await client.PostAsync("api/clusters", new StringContent($$"""{"requestId":"{{name}}","clusterName":"{{name}}","profile":"developer"}"""));

        Assert.Equal(HttpStatusCode.Accepted, (await Post(developer, "quota-a")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Post(developer, "quota-b")).StatusCode);
        var perRequester = await Post(developer, "quota-c");
        Assert.Equal(HttpStatusCode.Accepted, (await Post(platform, "quota-d")).StatusCode);
        var total = await Post(platform, "quota-e");

        Assert.Equal(HttpStatusCode.TooManyRequests, perRequester.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), perRequester.Headers.RetryAfter?.Delta);
        Assert.Contains("the limit per requester is 2", await perRequester.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, total.StatusCode);
        Assert.Contains("3 builds are running; the limit is 3", await total.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Body_OverTheSizeLimit_Returns413()
    {
        using var caller = Client(app, app.FunctionKey);

        var response = await caller.PostAsync("api/plans", new StringContent(new string(' ', 70_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
