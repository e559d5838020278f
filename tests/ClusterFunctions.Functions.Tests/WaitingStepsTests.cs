using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>A step that waits says what for and how long of its limit has passed, in the status every caller reads.</summary>
public class WaitingStepsTests(UnreadyWorkloadsFixture app) : IClassFixture<UnreadyWorkloadsFixture>
{
    [Fact]
    public async Task Status_AppWhoseWorkloadsNeverGetReady_ShowsTheGateItWaitsForAndTheTimeSoFar()
    {
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.PostAsync(new ClusterRequest("waiting-gate", "waiting-gate", "developer"))).StatusCode);

        var waiting = await WaitingAsync("waiting-gate", w => w.StartsWith("readiness gate:", StringComparison.Ordinal));

        Assert.Matches(@"^readiness gate: (Deployment|StatefulSet) [a-z-]+/[a-z-]+: .+ \(\d+ s of \d+ (s|min( \d+ s)?)\)$", waiting);
    }

    [Fact]
    public async Task Status_ProductionBuildBeforeItsApproval_ShowsWhoMayDecideHowAndUntilWhen()
    {
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.PostAsync(new ClusterRequest("waiting-approval", "waiting-approval", "production"))).StatusCode);

        var waiting = await WaitingAsync("waiting-approval", w => w.StartsWith("a decision", StringComparison.Ordinal));

        Assert.Matches(@"^a decision from approver \(\./cluster approve waiting-approval, or POST /api/clusters/waiting-approval/approve\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ; it gives up at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", waiting);
    }

    /// <summary>The waiting text of a running step of the build once it matches.</summary>
    private async Task<string> WaitingAsync(string cluster, Func<string, bool> matches) =>
        (await Polling.StepAsync(app.Http, cluster,
            s => s["state"]!.GetValue<string>() == "Running" && s["waiting"]?.GetValue<string>() is { } w && matches(w),
            $"a step of {cluster} waits as expected"))["waiting"]!.GetValue<string>();
}
