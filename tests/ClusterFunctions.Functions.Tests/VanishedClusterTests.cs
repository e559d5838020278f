using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>No silent waits: a build whose managed cluster is deleted behind its back while it is being created fails at once, saying so.</summary>
public class VanishedClusterTests(SlowProvisioningFixture app) : IClassFixture<SlowProvisioningFixture>
{
    [Fact]
    public async Task Build_ManagedClusterDeletedOutsideWhileCreating_FailsAtOnceAtInfrastructureNamingWhy()
    {
        var request = new ClusterRequest("vanishing", "vanishing", "developer");
        await app.PostAsync(request);
        var waiting = await InfrastructureWaitingAsync("vanishing");
        var resourceId = Regex.Match(waiting, "managed cluster (\\S+) is Creating").Groups[1].Value;

        using var arm = new HttpClient(app.Cloud.Arm.CreateHttpHandler()) { BaseAddress = app.Cloud.Arm.Endpoint };
        arm.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "someone-else");
        using var deleted = await arm.DeleteAsync($"{resourceId}?api-version={ArmBodyRenderer.ApiVersion}");
        var failed = await app.Events.WaitForAsync(ClusterEventTypes.Failed, request.RequestId, TimeSpan.FromSeconds(60));

        Assert.True(deleted.IsSuccessStatusCode, $"ARM answered {(int)deleted.StatusCode}");
        Assert.Equal("infrastructure", failed["data"]!["failure"]!["step"]!.GetValue<string>());
        Assert.Matches("^managed cluster .*/managedClusters/vanishing (no longer exists|is being deleted): it was deleted outside this build after its creation started$",
            failed["data"]!["failure"]!["cause"]!.GetValue<string>());
    }

    /// <summary>What the infrastructure step says it waits for, once it waits on ARM.</summary>
    private async Task<string> InfrastructureWaitingAsync(string cluster) =>
        (await Polling.StepAsync(app.Http, cluster,
            s => s["name"]!.GetValue<string>() == "infrastructure" && s["waiting"]?.GetValue<string>() is { } w && w.Contains(" is Creating", StringComparison.Ordinal),
            $"{cluster}'s infrastructure step waits on ARM"))["waiting"]!.GetValue<string>();
}
