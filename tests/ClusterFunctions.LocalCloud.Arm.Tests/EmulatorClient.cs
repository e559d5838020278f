using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Arm.Tests;

/// <summary>A raw HTTPS client of the emulator that pins its certificate, for tests of the wire protocol.</summary>
internal sealed class EmulatorClient : IAsyncDisposable
{
    public const string Subscription = "00000000-0000-0000-0000-000000000001";
    public const string ApiVersion = "2025-08-01";

    private EmulatorClient(ArmEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient(emulator.CreateHttpHandler()) { BaseAddress = emulator.Endpoint };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test-token");
    }

    public ArmEmulator Emulator { get; }

    public HttpClient Http { get; }

    public static string ClusterPath(string name = "aks1", string group = "rg1") =>
        $"subscriptions/{Subscription}/resourceGroups/{group}/providers/Microsoft.ContainerService/managedClusters/{name}?api-version={ApiVersion}";

    public static async Task<EmulatorClient> StartAsync(ArmEmulatorOptions? options = null) =>
        new(await ArmEmulator.StartAsync(options));

    public Task<HttpResponseMessage> PutGroupAsync(string group = "rg1", string location = "centralindia") =>
        Http.PutAsync($"subscriptions/{Subscription}/resourcegroups/{group}?api-version=2022-09-01", Json(new JsonObject { ["location"] = location }));

    public Task<HttpResponseMessage> PutClusterAsync(JsonObject body, string name = "aks1", string group = "rg1") =>
        Http.PutAsync(ClusterPath(name, group), Json(body));

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!;

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
