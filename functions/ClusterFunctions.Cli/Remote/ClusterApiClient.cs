using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Cli.Remote;

/// <summary>The CLI's client of the function app's HTTP API (the same API any other caller uses).</summary>
public sealed class ClusterApiClient(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Uri? BaseAddress => http.BaseAddress;

    public Task<(int Status, JsonNode? Body)> CreateAsync(ClusterRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync("api/clusters", request, Json, cancellationToken), cancellationToken);

    public Task<(int Status, JsonNode? Body)> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.GetAsync(path, cancellationToken), cancellationToken);

    /// <summary>One cluster's status (GET /api/clusters/NAME); null after printing the refusal as one line to <paramref name="error"/>.</summary>
    public async Task<JsonNode?> GetClusterAsync(string name, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (status, body) = await GetAsync($"api/clusters/{Uri.EscapeDataString(name)}", cancellationToken);
        if (status == 200)
        {
            return body;
        }

        error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
        return null;
    }

    /// <summary>A document served as text (a kubeconfig), not JSON; the error body of a refusal, as text.</summary>
    public Task<(int Status, string Text)> GetTextAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.GetAsync(path, cancellationToken), response => response.Content.ReadAsStringAsync(cancellationToken));

    public Task<(int Status, JsonNode? Body)> DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.DeleteAsync($"api/clusters/{Uri.EscapeDataString(name)}", cancellationToken), cancellationToken);

    public Task<(int Status, JsonNode? Body)> ApproveAsync(string name, bool approved, string? comment, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync($"api/clusters/{Uri.EscapeDataString(name)}/approve", new { approved, comment }, Json, cancellationToken), cancellationToken);

    public Task<(int Status, JsonNode? Body)> CancelAsync(string name, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync($"api/clusters/{Uri.EscapeDataString(name)}/cancel", new { reason }, Json, cancellationToken), cancellationToken);

    public Task<(int Status, JsonNode? Body)> ExtendAsync(string name, string by, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync($"api/clusters/{Uri.EscapeDataString(name)}/extend", new { by }, Json, cancellationToken), cancellationToken);

    public Task<(int Status, JsonNode? Body)> UpgradeAsync(string profile, int waveSize, bool dryRun, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync($"api/profiles/{Uri.EscapeDataString(profile)}/upgrade", new { waveSize, dryRun }, Json, cancellationToken), cancellationToken);

    public Task<(int Status, JsonNode? Body)> PlanAsync(ClusterRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync("api/plans", request, Json, cancellationToken), cancellationToken);

    public void Dispose() => http.Dispose();

    private Task<(int Status, JsonNode? Body)> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        SendAsync(send, response => ReadAsync(response, cancellationToken));

    private async Task<(int Status, T Body)> SendAsync<T>(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, Task<T>> read)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e)
        {
            throw new CliFailureException($"no ClusterFunctions host answers at {http.BaseAddress} ({e.Message}); start one with ./cluster serve, or pass --endpoint URL", e);
        }

        using (response)
        {
            return ((int)response.StatusCode, await read(response));
        }
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
