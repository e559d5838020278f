using System.Net;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// A new build of a terminated build's name replaces it under the same instance id, where the announcer could no
/// longer find it: the terminated build is announced before it is replaced.
/// </summary>
public class TerminatedNameReuseTests(RareAnnouncementsFixture app) : IClassFixture<RareAnnouncementsFixture>
{
    [Fact]
    public async Task Create_ReusingTheNameOfABuildTerminatedBeforeTheAnnouncerLooked_AnnouncesTheTerminatedBuildFirst()
    {
        var first = new ClusterRequest("reuse-first", "reuse", "developer");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostAsync(first)).StatusCode);
        await Polling.StepAsync(app.Http, "reuse", s => s["name"]!.GetValue<string>() == "infrastructure" && s["state"]!.GetValue<string>() == "Running",
            "reuse's infrastructure step runs");

        // The announcer looked once (the build started it) and waits an hour before it looks again.
        await Announcer.WaitingForItsNextTurnAsync(app.Management);
        using var cancelled = await app.Http.PostAsync("api/clusters/reuse/cancel", null);
        // 409 (name taken) until the engine has ended the first build.
        await Polling.UntilAsync(async () => (await app.PostAsync(new ClusterRequest("reuse-second", "reuse", "developer"))).StatusCode == HttpStatusCode.Accepted,
            "a second build of the name is accepted");
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, first.RequestId, TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal("terminated by key:tests", failed["data"]!["failure"]!["cause"]!.GetValue<string>());
        Assert.Equal("infrastructure", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Equal("reuse-second", (await app.StatusAsync("reuse"))["requestId"]!.GetValue<string>());
    }
}
