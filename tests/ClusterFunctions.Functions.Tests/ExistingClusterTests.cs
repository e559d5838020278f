using System.Net.Http.Json;
using System.Text.Json;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.Functions.Tests;

public class ExistingClusterTests
{
    [Fact]
    public async Task Build_ExistingClusterProfile_InstallsAppsAndPoliciesWithoutCreatingInfrastructure()
    {
        await using var existing = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { ClusterName = "mine", DefaultIdentity = PlatformIdentity.Identity });
        var state = Directory.CreateTempSubdirectory("cf-existing-");
        var kubeconfig = Path.Combine(state.FullName, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, existing.CreateKubeconfig());
        var catalog = TestApps.CopyCatalog(Path.Combine(state.FullName, "catalog"));

        await File.WriteAllTextAsync(Path.Combine(catalog, "profiles", "mine.yaml"), $"kind: Profile\nname: mine\nextends: base\ninfrastructure:\n  provider: existing\n  kubeconfig: {{ path: {kubeconfig} }}\n");
        var key = FunctionKeys.Generate();
        await using var app = await TestApps.StartAsync(TestApps.Settings(state.FullName, [
            .. FunctionKeys.Settings("tests", key, "platform"),
            KeyValuePair.Create("Build:CatalogDirectory", (string?)catalog)]));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        await using var inbox = new EventInbox(app.LocalCloud!.ServiceBus.ConnectionString);
        var request = new ClusterRequest("byo-1", "mine", "mine");

        await http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var ready = await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));
        Assert.Equal(existing.Url.GetLeftPart(UriPartial.Authority), ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>());
        Assert.Empty(app.LocalCloud.Clusters.Clusters);
        var (_, deployments) = await Kubectl.RunAsync(existing, "get", "deployments", "-A", "-o", "name");
        Assert.Contains("deployment.apps/model-serving", deployments);
    }
}
