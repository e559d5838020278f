using System.Net;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// Acting on a built cluster: its kubeconfig is fetched from ARM when asked and works with kubectl, and neither it nor
/// a delete is given to a caller who did not request the cluster and may not request its profile.
/// </summary>
public class ClusterAccessTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Kubeconfig_OfAReadyCluster_IsTheUsersKubeconfigAndKubectlReachesTheClusterWithIt()
    {
        var request = new ClusterRequest("access-kc", "access-kc", "developer");
        await app.PostAsync(request);
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);

        using var response = await app.Http.GetAsync("api/clusters/access-kc/kubeconfig");
        var kubeconfig = await response.Content.ReadAsStringAsync();
        using var kubectl = new ClusterFunctions.Tests.Shared.Kubectl(kubeconfig);
        var namespaces = await kubectl.RunAsync("get", "namespace", "ai", "-o", "name");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("namespace/ai", namespaces.Stdout.Trim());
    }

    [Fact]
    public async Task Kubeconfig_OfAClusterStillBuilding_IsRefusedWithItsState()
    {
        await app.PostAsync(new ClusterRequest("access-building", "access-building", "production")); // waits for approval

        using var response = await app.Http.GetAsync("api/clusters/access-building/kubeconfig");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is not ready", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeleteAndKubeconfig_ByADeveloperOfAProductionClusterSomeoneElseRequested_AreForbidden()
    {
        await app.PostAsync(new ClusterRequest("access-prod", "access-prod", "production"));
        using var developer = new HttpClient { BaseAddress = app.App.BaseAddress };
        developer.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, app.DeveloperKey);

        using var delete = await developer.DeleteAsync("api/clusters/access-prod");
        using var kubeconfig = await developer.GetAsync("api/clusters/access-prod/kubeconfig");

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Contains("'key:developer' may not delete cluster 'access-prod': only its requester (key:tests) or a caller with a role of profile 'production' (platform) may", await delete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, kubeconfig.StatusCode);
        Assert.Equal("Building", (await app.StatusAsync("access-prod"))["state"]!.GetValue<string>());
    }
}
