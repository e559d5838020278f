using System.Text.Json;
using ClusterFunctions.Durable.Client;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.Durable.Http;

/// <summary>Builds Durable Functions' check-status payload and 202 response for an HTTP trigger.</summary>
public static class DurableTaskClientHttpExtensions
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The management URLs of <paramref name="instanceId"/>, rooted at the request's scheme, host and path base.</summary>
    public static HttpManagementPayload CreateHttpManagementPayload(this DurableTaskClient client, HttpRequest request, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var options = client.Options;
        var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{options.HttpApiPrefix.TrimEnd('/')}";
        var instanceUrl = $"{baseUrl}/instances/{Uri.EscapeDataString(instanceId)}";
        var query = $"taskHub={Uri.EscapeDataString(options.TaskHubName)}&connection={Uri.EscapeDataString(options.HttpConnectionName)}"
            + (options.HttpSystemKey is { } key ? $"&code={Uri.EscapeDataString(key)}" : string.Empty);
        return new HttpManagementPayload
        {
            Id = instanceId,
            StatusQueryGetUri = $"{instanceUrl}?{query}",
            SendEventPostUri = $"{instanceUrl}/raiseEvent/{{eventName}}?{query}",
            TerminatePostUri = $"{instanceUrl}/terminate?reason={{text}}&{query}",
            PurgeHistoryDeleteUri = $"{instanceUrl}?{query}",
            RestartPostUri = $"{instanceUrl}/restart?{query}",
            SuspendPostUri = $"{instanceUrl}/suspend?reason={{text}}&{query}",
            ResumePostUri = $"{instanceUrl}/resume?reason={{text}}&{query}",
        };
    }

    /// <summary>
    /// The response an HTTP trigger returns after scheduling: 202 (or <paramref name="statusCode"/>), Location at the
    /// status URL, Retry-After 10 and the management payload as JSON.
    /// </summary>
    public static IResult CreateCheckStatusResponse(
        this DurableTaskClient client, HttpRequest request, string instanceId, int statusCode = StatusCodes.Status202Accepted)
    {
        var payload = client.CreateHttpManagementPayload(request, instanceId);
        return new CheckStatusResult(payload, statusCode);
    }

    private sealed class CheckStatusResult(HttpManagementPayload payload, int statusCode) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.Headers.Location = payload.StatusQueryGetUri;
            response.Headers.RetryAfter = "10";
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, payload, PayloadJson, httpContext.RequestAborted);
        }
    }
}
