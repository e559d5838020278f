using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app on the embedded LocalCloud with its own copy of the catalog, which a test edits between building clusters
/// and upgrading them (the app reads the catalog on each use), and the calls an upgrade test makes.
/// </summary>
public sealed class UpgradeFixture : EmbeddedAppFixture
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    public string CatalogCopy { get; } = TestApps.CopyCatalog(Path.Combine(Path.GetTempPath(), "cf-upgrade-catalog-" + Guid.NewGuid().ToString("N")));

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Build:CatalogDirectory"] = CatalogCopy };

    public void Edit(string file, string oldText, string newText) => TestApps.EditCatalog(CatalogCopy, file, oldText, newText);

    /// <summary>Builds developer clusters of these names at once and waits until each is Ready.</summary>
    public async Task BuildAsync(params string[] names)
    {
        foreach (var name in names)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(new ClusterRequest(name, name, "developer"))).StatusCode);
        }

        foreach (var name in names)
        {
            await Events.WaitForAsync(ClusterEventTypes.Ready, name, Patience);
        }
    }

    public Task<HttpResponseMessage> UpgradeAsync(string body, HttpClient? caller = null) =>
        (caller ?? Http).PostAsync("api/profiles/developer/upgrade", new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>The profile's latest upgrade (or dry run) once it is done; polled once a second, within the caller's rate limit.</summary>
    public async Task<JsonNode> FinishedUpgradeAsync(bool dryRun)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            using var response = await Http.GetAsync($"api/profiles/developer/upgrade{(dryRun ? "?dryRun=true" : "")}", timeout.Token);
            var body = response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token)) : null;
            if (body?["upgrade"]?["state"]?.GetValue<string>() is "DryRun" or "Succeeded" or "Failed" && body["runtimeStatus"]!.GetValue<string>() == "Completed")
            {
                return body["upgrade"]!;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        }
    }

    /// <summary>The managed cluster's body as the ARM emulator holds it (the last PUT, with each pool's version).</summary>
    public async Task<JsonNode> ArmBodyAsync(string name)
    {
        var id = Cloud.Clusters.Clusters.Keys.Single(k => k.EndsWith($"/managedClusters/{name}", StringComparison.OrdinalIgnoreCase));
        return JsonNode.Parse((await Cloud.Arm.GetClusterBodyAsync(id))!)!;
    }

    /// <summary>kubectl against the cluster, with its own kubeconfig.</summary>
    public Task<(int Exit, string Output)> KubectlAsync(string name, params string[] args) =>
        Kubectl.RunAsync(Cloud.Clusters.Clusters.Single(c => c.Key.EndsWith($"/managedClusters/{name}", StringComparison.OrdinalIgnoreCase)).Value, args);

    public async Task<string> ProfileVersionAsync(string name) => (await StatusAsync(name))["profileVersion"]!.GetValue<string>();
}
