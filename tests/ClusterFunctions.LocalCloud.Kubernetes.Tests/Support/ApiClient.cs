using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;

/// <summary>Raw HTTP against the emulator, to check status codes and bodies exactly as a client sees them.</summary>
internal sealed class ApiClient(RunningKubernetesEmulator emulator) : IDisposable
{
    // As the administrator, over the emulator's TLS: a request without a token is 401.
    private readonly HttpClient _http = new(emulator.CreateHttpHandler())
    {
        BaseAddress = emulator.Url,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", emulator.AdminToken) },
    };

    public HttpClient Http => _http;

    public async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpMethod method, string path, object? body = null, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var text = body is string s ? s : ((JsonNode)body).ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request);
        var content = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(content.Length == 0 ? "{}" : content) as JsonObject ?? []);
    }

    public Task<(HttpStatusCode Code, JsonObject Body)> ApplyAsync(string path, JsonObject body, string manager = "test", bool force = false, params (string, string)[] headers) =>
        SendAsync(HttpMethod.Patch, $"{path}{(path.Contains('?') ? '&' : '?')}fieldManager={manager}&force={(force ? "true" : "false")}", body, "application/apply-patch+yaml", headers);

    public static JsonObject ConfigMap(string ns, string name, string value, string? resourceVersion = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = metadata, ["data"] = new JsonObject { ["key"] = value } };
    }

    public static JsonObject Namespace(string name, string? enforce = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (enforce is not null)
        {
            metadata["labels"] = new JsonObject { ["pod-security.kubernetes.io/enforce"] = enforce };
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = metadata };
    }

    public void Dispose() => _http.Dispose();
}
