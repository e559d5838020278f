using System.Net;
using System.Text.Json;
using ClusterFunctions.Core.Ports;
using k8s.Autorest;

namespace ClusterFunctions.Kubernetes;

/// <summary>Turns client failures into <see cref="KubernetesApplyException"/>, classified by status code.</summary>
internal static class KubernetesErrors
{
    public static bool IsNotFound(HttpOperationException e) => e.Response.StatusCode == HttpStatusCode.NotFound;

    public static KubernetesApplyException Wrap(Exception e, string action, KubernetesObjectRef? target)
    {
        var what = target is null ? action : $"{action} {target}";
        switch (e)
        {
            case HttpOperationException http:
                var code = (int)http.Response.StatusCode;
                var retryable = code is 408 or 429 or >= 500;
                return new KubernetesApplyException($"{what} failed: {code} {StatusMessage(http.Response.Content)}", code, retryable, target, e);
            case HttpRequestException or TaskCanceledException or IOException:
                return new KubernetesApplyException($"{what} failed: the API server could not be reached ({e.Message})", null, true, target, e);
            default:
                return new KubernetesApplyException($"{what} failed: {e.Message}", null, false, target, e);
        }
    }

    /// <summary>The Status message the API server sent, which is what a person needs to read.</summary>
    private static string StatusMessage(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return "(no body)";
        }

        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? content : content;
        }
        catch (JsonException)
        {
            return content.Length > 500 ? content[..500] : content;
        }
    }
}
