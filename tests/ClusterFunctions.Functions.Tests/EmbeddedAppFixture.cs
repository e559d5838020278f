using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.LocalCloud;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The function app on the embedded LocalCloud, as <c>./cluster serve</c> runs it: real HTTP, AMQP,
/// ARM and Kubernetes protocols on loopback, the real Durable engine on a private Azurite.
/// </summary>
public class EmbeddedAppFixture : IAsyncLifetime
{
    private readonly string state = Path.Combine(Path.GetTempPath(), "cf-functions-" + Guid.NewGuid().ToString("N"));

    public RunningApp App { get; private set; } = null!;

    public LocalCloudHost Cloud => App.LocalCloud!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The Durable management API, with the host's system key (what an operator holds, no caller has).</summary>
    public HttpClient Management { get; private set; } = null!;

    public EventInbox Events { get; private set; } = null!;

    /// <summary>The key the test callers present (a platform, approver and developer caller).</summary>
    public string FunctionKey { get; } = FunctionKeys.Generate();

    /// <summary>A caller with the developer role only.</summary>
    public string DeveloperKey { get; } = FunctionKeys.Generate();

    public static string Catalog => TestApps.Catalog;

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>Where the host's and the worker's log lines go, for a fixture whose tests read them (none by default).</summary>
    protected virtual ILoggerProvider? Logs => null;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(state);
        var settings = TestApps.Settings(state, [
            .. FunctionKeys.Settings("tests", FunctionKey, "platform,approver,developer"),
            // The developer key's roles in the list form app settings often take (Roles__0), the tests key's as "a,b".
            new("Auth:Keys:developer:Value", DeveloperKey),
            new("Auth:Keys:developer:Roles:0", "developer"),
            .. ExtraSettings]);
        App = await TestApps.StartAsync(settings, Logs);
        Http = new HttpClient { BaseAddress = App.BaseAddress };
        Http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, FunctionKey);
        Management = App.ManagementClient();
        Events = new EventInbox(Cloud.ServiceBus.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Management.Dispose();
        await Events.DisposeAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(state, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp state is harmless.
        }
    }

    public Task<HttpResponseMessage> PostAsync(ClusterRequest request) => Http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public async Task<JsonNode> StatusAsync(string name) => JsonNode.Parse(await Http.GetStringAsync($"api/clusters/{name}"))!;
}
