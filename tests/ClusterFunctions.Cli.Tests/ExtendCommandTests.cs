using System.Net;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

/// <summary>extend: what it sends the app's extend route, and what it tells the user about the answer.</summary>
public sealed class ExtendCommandTests : IDisposable
{
    private readonly LoopbackApp app = new();

    [Fact]
    public async Task Extend_NameAndDuration_PostsTheDurationToTheExtendRouteWithTheKey_AndPrintsTheNewExpiry()
    {
        app.Serve(_ => (200, """{"cluster":"demo","expiresAt":"2026-12-04T18:00:00+00:00","by":"key:alice"}"""));

        var run = await CliRun.RunAsync("extend", "demo", "4h", "--endpoint", app.Endpoint, "--key", "k-1");

        Assert.Equal(0, run.ExitCode);
        var post = Assert.Single(app.Requests);
        Assert.Equal(("POST", "/api/clusters/demo/extend", "k-1"), (post.Method, post.Path, post.Key));
        Assert.Equal("4h", JsonNode.Parse(post.Body)!["by"]!.GetValue<string>());
        Assert.Equal("cluster demo now expires at 2026-12-04T18:00:00+00:00 (extended by 4h)", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Extend_NotConfirmedYet_SaysSoAndWhereToLook()
    {
        app.Serve(_ => (202, """{"cluster":"demo","expiresAt":"2026-12-04T18:00:00+00:00","by":"key:alice"}"""));

        var run = await CliRun.RunAsync("extend", "demo", "4h", "--endpoint", app.Endpoint, "--key", "k-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("cluster demo is to expire at 2026-12-04T18:00:00+00:00 (extended by 4h; not confirmed yet: ./cluster describe demo shows it)", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Extend_WithoutADuration_IsAUsageErrorAndSendsNothing()
    {
        app.Serve(_ => (202, "{}"));

        var run = await CliRun.RunAsync("extend", "demo", "--endpoint", app.Endpoint);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'extend' needs --by", run.Error);
        Assert.Empty(app.Requests);
    }

    [Fact]
    public async Task Extend_NoExpiry_PrintsTheConflictAndExitsOne()
    {
        app.Serve(_ => (409, """{"error":"cluster 'demo' has no expiry to extend: it has no ttl, is not Ready yet, or is being deleted"}"""));

        var run = await CliRun.RunAsync("extend", "demo", "--by", "4h", "--endpoint", app.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cluster 'demo' has no expiry to extend", run.Error);
    }

    public void Dispose() => app.Dispose();
}
