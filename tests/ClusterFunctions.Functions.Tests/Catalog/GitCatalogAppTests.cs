using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Catalog;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>The running app following a catalog repository: pushes through the webhook, and a build that records its commit.</summary>
public sealed class GitCatalogAppTests(GitCatalogAppFixture app) : IClassFixture<GitCatalogAppFixture>
{
    [Fact]
    public async Task Webhook_ChecksTheSignature_IgnoresOtherRefs_TakesAGoodPush_AndRefusesABrokenOne()
    {
        var first = app.Repository.Head;
        var before = await CatalogAsync();
        Assert.Equal(first, before["revision"]!.GetValue<string>());
        Assert.Equal("git", before["source"]!["kind"]!.GetValue<string>());

        // No key and no valid signature: refused, naming the header.
        using (var anonymous = new HttpClient { BaseAddress = app.App.BaseAddress })
        {
            using var unsigned = await anonymous.PostAsync("api/catalog/webhook", Body(Push("refs/heads/main")));
            using var forged = await anonymous.SendAsync(Webhook(Push("refs/heads/main"), "sha256=" + new string('0', 64)));
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            Assert.Contains(WebhookSignature.Header, await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

            using var other = await anonymous.SendAsync(Signed(Push("refs/heads/other")));
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
            Assert.Equal("ignored: not main", JsonNode.Parse(await other.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());

            // A good push: in force by the time the webhook answers.
            var second = app.Repository.CommitDescription("Pushed through the webhook.");
            using var good = await anonymous.SendAsync(Signed(Push("refs/heads/main")));
            var goodBody = JsonNode.Parse(await good.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            Assert.Equal(second, goodBody["revision"]!.GetValue<string>());
            Assert.Null(goodBody["refused"]);
            var profiles = JsonNode.Parse(await app.Http.GetStringAsync("api/profiles"))!.AsArray();
            Assert.Contains(profiles, p => p!["description"]?.GetValue<string>() == "Pushed through the webhook.");

            // A broken push: refused with its problems, the good commit stays.
            var broken = app.Repository.CommitBrokenYaml();
            using var bad = await anonymous.SendAsync(Signed(Push("refs/heads/main")));
            var badBody = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Equal(second, badBody["revision"]!.GetValue<string>());
            Assert.Equal(broken, badBody["refused"]!["revision"]!.GetValue<string>());
            Assert.Contains(badBody["refused"]!["problems"]!.AsArray(), p => p!["file"]!.GetValue<string>().Contains("developer.yaml", StringComparison.Ordinal));

            var after = await CatalogAsync();
            Assert.Equal(second, after["revision"]!.GetValue<string>());
            Assert.Equal(broken, after["lastRefused"]!["revision"]!.GetValue<string>());
            Assert.Contains(after["profiles"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "developer" && p["version"] is not null);
        }

        Assert.Contains(app.LogLines.Lines, l => l.Contains(app.Repository.Head, StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines.Lines, l => l.Contains(GitCatalogAppFixture.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines.Lines, l => l.Contains(GitCatalogAppFixture.WebhookSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_RecordsTheCatalogCommitItUsed()
    {
        var inForce = (await CatalogAsync())["revision"]!.GetValue<string>();
        var request = new ClusterRequest("git-catalog-1", "git-catalog", "developer");

        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));
        var status = await app.StatusAsync("git-catalog");

        Assert.Equal("Ready", status["state"]!.GetValue<string>());
        Assert.Equal(inForce, status["catalogRevision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_PushChangingAnAutoRolloutProfile_StartsItsUpgrade_AndTheClusterEndsAtTheNewVersion()
    {
        var request = new ClusterRequest("git-rollout-1", "git-rollout", "developer");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(request)).StatusCode);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));
        var built = (await app.StatusAsync("git-rollout"))["profileVersion"]!.GetValue<string>();

        // From the commit in force (another test may have left a refused one at the head), with more Redis memory.
        var file = $"{CatalogRepository.CatalogPath}/profiles/developer.yaml";
        app.Repository.Git("checkout", (await CatalogAsync())["revision"]!.GetValue<string>(), "--", file);
        app.Repository.Commit("profiles/developer.yaml", yaml => yaml.Replace("memory: 256Mi", "memory: 320Mi", StringComparison.Ordinal), "more memory for Redis");
        using var anonymous = new HttpClient { BaseAddress = app.App.BaseAddress };
        using var pushed = await anonymous.SendAsync(Signed(Push("refs/heads/main")));
        var answer = JsonNode.Parse(await pushed.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        var version = (await CatalogAsync())["profiles"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "developer")!["version"]!.GetValue<string>();
        Assert.NotEqual(built, version);
        Assert.Equal($"upgrade-developer-{version}", Assert.Single(answer["upgradesStarted"]!.AsArray())!.GetValue<string>());
        var upgraded = await app.Events.WaitForAsync(ClusterEventTypes.Upgraded, request.RequestId, TimeSpan.FromSeconds(120));
        Assert.Equal(version, upgraded["data"]!["profileVersion"]!.GetValue<string>());
    }

    private static string Push(string pushedRef) => $$"""{"ref":"{{pushedRef}}","before":"0000000000000000000000000000000000000000","after":"1111111111111111111111111111111111111111"}""";

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Signed(string json) => Webhook(json, WebhookSignature.Sign(Encoding.UTF8.GetBytes(json), GitCatalogAppFixture.WebhookSecret));

    private static HttpRequestMessage Webhook(string json, string signature)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "api/catalog/webhook") { Content = Body(json) };
        message.Headers.Add(WebhookSignature.Header, signature);
        message.Headers.Add("X-GitHub-Event", "push");
        return message;
    }

    private async Task<JsonNode> CatalogAsync() => JsonNode.Parse(await app.Http.GetStringAsync("api/catalog"))!;
}
