using System.Net;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

/// <summary>cancel: what it sends the app's cancel route, and what it tells the user about the answer.</summary>
public sealed class CancelCommandTests : IDisposable
{
    private readonly LoopbackApp app = new();

    [Fact]
    public async Task Cancel_WithReason_PostsItToTheCancelRouteWithTheKey_AndWaitsUntilTheBuildShowsTerminated()
    {
        var polls = 0;
        app.Serve(request => request.HttpMethod == "POST"
            ? (202, """{"cluster":"demo","reason":"terminated by key:alice: no longer needed"}""")
            : (200, Interlocked.Increment(ref polls) < 2
                ? """{"name":"demo","state":"Building"}"""
                : """{"name":"demo","state":"Terminated","failure":{"step":"infrastructure","cause":"terminated by key:alice: no longer needed"}}"""));

        var run = await CliRun.RunAsync("cancel", "demo", "--reason", "no longer needed", "--endpoint", app.Endpoint, "--key", "k-1");

        Assert.Equal(0, run.ExitCode);
        var post = Assert.Single(app.Requests, r => r.Method == "POST");
        Assert.Equal("/api/clusters/demo/cancel", post.Path);
        Assert.Equal("k-1", post.Key);
        Assert.Equal("no longer needed", JsonNode.Parse(post.Body)!["reason"]!.GetValue<string>());
        Assert.Equal(
            ["cancelling the build of cluster demo: terminated by key:alice: no longer needed", "cluster demo: Terminated at step infrastructure"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Cancel_Refused_PrintsTheRefusalOnOneLineAndExitsOne()
    {
        app.Serve(_ => (403, """{"error":"'key:bob' may not cancel cluster 'demo': only its requester (key:alice) may"}"""));

        var run = await CliRun.RunAsync("cancel", "demo", "--endpoint", app.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: this key may not do that ('key:bob' may not cancel cluster 'demo': only its requester (key:alice) may): ask the platform team for a key with the needed role",
            run.Error.TrimEnd());
    }

    public void Dispose() => app.Dispose();
}
