using System.Net;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Functions.Tests;

/// <summary>The per-requester limit holds when one requester's creates arrive all at once.</summary>
public class QuotaRaceTests(QuotaRaceFixture app) : IClassFixture<QuotaRaceFixture>
{
    [Fact]
    public async Task FiftySimultaneousCreates_ByOneRequester_AtMostTheLimitRun_TheRestGet429()
    {
        using var developer = new HttpClient { BaseAddress = app.App.BaseAddress };
        developer.DefaultRequestHeaders.Add("x-functions-key", app.DeveloperKey);
        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            using var body = new StringContent($$"""{"requestId":"race-{{i}}","clusterName":"race-{{i}}","profile":"developer"}""");
            using var response = await developer.PostAsync("api/clusters", body);
            return response.StatusCode;
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(posts);

        Assert.Equal(QuotaRaceFixture.PerRequester, answers.Count(a => a == HttpStatusCode.Accepted));
        Assert.Equal(50 - QuotaRaceFixture.PerRequester, answers.Count(a => a == HttpStatusCode.TooManyRequests));
        var running = JsonNode.Parse(await app.Management.GetStringAsync("runtime/webhooks/durabletask/instances?instanceIdPrefix=cluster-race-&runtimeStatus=Pending,Running"))!.AsArray();
        Assert.Equal(QuotaRaceFixture.PerRequester, running.Count);
    }
}
