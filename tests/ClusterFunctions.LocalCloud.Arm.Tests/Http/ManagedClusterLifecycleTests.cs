using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Http;

public sealed class ManagedClusterLifecycleTests
{
    [Fact]
    public async Task Put_NewCluster_CreatesThenSucceedsOnFirstPoll()
    {
        await using var client = await EmulatorClient.StartAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.PutGroupAsync()).StatusCode);

        var put = await client.PutClusterAsync(SampleBodies.Production());

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("Creating", (await EmulatorClient.ReadAsync(put))["properties"]!["provisioningState"]!.GetValue<string>());
        var pollUrl = put.Headers.GetValues("Azure-AsyncOperation").Single();
        Assert.Contains("/providers/Microsoft.ContainerService/locations/centralindia/operations/", pollUrl);
        var status = await EmulatorClient.ReadAsync(await client.Http.GetAsync(pollUrl));
        Assert.Equal("Succeeded", status["status"]!.GetValue<string>());

        var cluster = await EmulatorClient.ReadAsync(await client.Http.GetAsync(EmulatorClient.ClusterPath()));
        var properties = cluster["properties"]!;
        Assert.Equal("Succeeded", properties["provisioningState"]!.GetValue<string>());
        Assert.Equal("Running", properties["powerState"]!["code"]!.GetValue<string>());
        Assert.EndsWith(".hcp.centralindia.azmk8s.io", properties["fqdn"]!.GetValue<string>());
        Assert.StartsWith("prod-a-", properties["fqdn"]!.GetValue<string>());
        Assert.Equal("Microsoft.ContainerService/ManagedClusters", cluster["type"]!.GetValue<string>());
        Assert.Equal(2, properties["agentPoolProfiles"]!.AsArray().Count);
    }

    [Fact]
    public async Task ListClusterUserCredential_SucceededCluster_ReturnsKubeconfigFromProvisioner()
    {
        var provisioner = new RecordingProvisioner();
        await using var client = await EmulatorClient.StartAsync(new ArmEmulatorOptions { ClusterApiProvisioner = provisioner });
        await client.PutGroupAsync();
        await client.PutClusterAsync(SampleBodies.Production());
        await client.Http.GetAsync(EmulatorClient.ClusterPath());

        var response = await client.Http.PostAsync(
            EmulatorClient.ClusterPath().Replace("?", "/listClusterUserCredential?", StringComparison.Ordinal), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kubeconfigs = (await EmulatorClient.ReadAsync(response))["kubeconfigs"]!.AsArray();
        var kubeconfig = Encoding.UTF8.GetString(Convert.FromBase64String(kubeconfigs[0]!["value"]!.GetValue<string>()));
        Assert.Contains("server: \"https://127.0.0.1:6443\"", kubeconfig);
        Assert.Contains("token: \"tok-aks1\"", kubeconfig);
        Assert.Contains("certificate-authority-data: ", kubeconfig);
        Assert.Contains("current-context: \"aks1\"", kubeconfig);
        Assert.Equal(["provision aks1"], provisioner.Calls);
    }

    [Fact]
    public async Task Delete_ExistingCluster_AcceptsThenRemovesAndReleasesApi()
    {
        var provisioner = new RecordingProvisioner();
        await using var client = await EmulatorClient.StartAsync(new ArmEmulatorOptions { ClusterApiProvisioner = provisioner });
        await client.PutGroupAsync();
        await client.PutClusterAsync(SampleBodies.Production());
        await client.Http.GetAsync(EmulatorClient.ClusterPath());

        var delete = await client.Http.DeleteAsync(EmulatorClient.ClusterPath());

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var location = delete.Headers.Location!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.GetAsync(location)).StatusCode);
        var get = await client.Http.GetAsync(EmulatorClient.ClusterPath());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("ResourceNotFound", (await EmulatorClient.ReadAsync(get))["error"]!["code"]!.GetValue<string>());
        Assert.Equal(["provision aks1", "release aks1"], provisioner.Calls);
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.DeleteAsync(EmulatorClient.ClusterPath())).StatusCode);
    }

    [Fact]
    public async Task Put_WhileCreating_Returns409OperationNotAllowedUntilTimePasses()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var client = await EmulatorClient.StartAsync(new ArmEmulatorOptions { TimeProvider = time, ProvisioningTime = TimeSpan.FromMinutes(8) });
        await client.PutGroupAsync();
        await client.PutClusterAsync(SampleBodies.Production());

        var second = await client.PutClusterAsync(SampleBodies.Production());

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("OperationNotAllowed", (await EmulatorClient.ReadAsync(second))["error"]!["code"]!.GetValue<string>());
        time.Advance(TimeSpan.FromMinutes(8));
        var state = await EmulatorClient.ReadAsync(await client.Http.GetAsync(EmulatorClient.ClusterPath()));
        Assert.Equal("Succeeded", state["properties"]!["provisioningState"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.PutClusterAsync(SampleBodies.Production())).StatusCode);
    }

    [Fact]
    public async Task Put_IfNoneMatchStarOnExistingCluster_Returns412AndKeepsIt()
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();
        using var first = new HttpRequestMessage(HttpMethod.Put, EmulatorClient.ClusterPath()) { Content = EmulatorClient.Json(SampleBodies.Production("req-1")) };
        first.Headers.TryAddWithoutValidation("If-None-Match", "*");
        using var second = new HttpRequestMessage(HttpMethod.Put, EmulatorClient.ClusterPath()) { Content = EmulatorClient.Json(SampleBodies.Production("req-2")) };
        second.Headers.TryAddWithoutValidation("If-None-Match", "*");

        var created = await client.Http.SendAsync(first);
        var refused = await client.Http.SendAsync(second);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("PreconditionFailed", (await EmulatorClient.ReadAsync(refused))["error"]!["code"]!.GetValue<string>());
        var cluster = await EmulatorClient.ReadAsync(await client.Http.GetAsync(EmulatorClient.ClusterPath()));
        Assert.Equal("req-1", cluster["tags"]!["clusterfunctions-request-id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Put_WithoutResourceGroup_Returns404ResourceGroupNotFound()
    {
        await using var client = await EmulatorClient.StartAsync();

        var put = await client.PutClusterAsync(SampleBodies.Production());

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal("ResourceGroupNotFound", (await EmulatorClient.ReadAsync(put))["error"]!["code"]!.GetValue<string>());
    }

    private sealed class RecordingProvisioner : IClusterApiProvisioner
    {
        public List<string> Calls { get; } = [];

        public Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
        {
            Calls.Add($"provision {cluster.ClusterName}");
            return Task.FromResult(new ClusterApiEndpoint(new Uri("https://127.0.0.1:6443"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", $"tok-{cluster.ClusterName}"));
        }

        public Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
        {
            Calls.Add($"release {cluster.ClusterName}");
            return Task.CompletedTask;
        }
    }
}
