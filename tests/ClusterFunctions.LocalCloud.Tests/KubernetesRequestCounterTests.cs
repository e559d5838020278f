using System.Net.Http.Headers;
using ClusterFunctions.LocalCloud.Arm.Clusters;

namespace ClusterFunctions.LocalCloud.Tests;

public sealed class KubernetesRequestCounterTests
{
    [Fact]
    public async Task RequestCounter_TwoClusterApis_CountedTogetherAndKeptAfterRelease()
    {
        await using var provisioner = new KubernetesClusterApiProvisioner(new LocalCloudOptions());
        var first = new ClusterApiRequest("s", "rg1", "one", "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/one", null);
        var second = first with { ClusterName = "two", ResourceId = first.ResourceId.Replace("/one", "/two", StringComparison.Ordinal) };

        await GetNamespacesAsync(provisioner, await provisioner.ProvisionAsync(first));
        await GetNamespacesAsync(provisioner, await provisioner.ProvisionAsync(second));
        await provisioner.ReleaseAsync(first);

        Assert.Equal(2, provisioner.RequestCounter.Read().Get);
    }

    private static async Task GetNamespacesAsync(KubernetesClusterApiProvisioner provisioner, ClusterApiEndpoint endpoint)
    {
        var emulator = provisioner.Clusters.Values.Single(c => c.Url == endpoint.Server);
        using var http = new HttpClient(emulator.CreateHttpHandler()) { BaseAddress = endpoint.Server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        (await http.GetAsync("/api/v1/namespaces")).EnsureSuccessStatusCode();
    }
}
