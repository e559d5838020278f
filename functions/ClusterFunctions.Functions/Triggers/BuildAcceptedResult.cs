using System.Text.Json;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// 202 for a build or delete that started (or was already running): <c>Location</c> and <c>statusQueryGetUri</c>
/// name the app's own status route, which answers the caller's own key. The Durable management URLs would need
/// the host's system key, which no caller is given.
/// </summary>
public sealed class BuildAcceptedResult(string clusterName, string instanceId) : IResult
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        HttpRequest request = httpContext.Request;
        string status = $"{request.Scheme}://{request.Host}{request.PathBase}/api/clusters/{Uri.EscapeDataString(clusterName)}";
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.Headers.Location = status;
        response.Headers.RetryAfter = "10";
        await response.WriteAsJsonAsync(new { id = instanceId, name = clusterName, statusQueryGetUri = status }, Json, httpContext.RequestAborted);
    }
}
