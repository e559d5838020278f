using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// Turns an API refusal into the line a user can act on: field errors as "field: rule", and for
/// 401/403 how to pass a key or which role is missing, instead of a bare status code.
/// </summary>
public static class ApiErrors
{
    public static string Describe(int status, JsonNode? body)
    {
        if (body is JsonObject && body["errors"] is JsonArray errors)
        {
            return string.Join("; ", errors.Select(e => $"{e!["field"]}: {e["message"]}"));
        }

        var reason = body is JsonObject ? body["error"]?.ToString() : body?.ToString();
        return status switch
        {
            401 => $"the host wants a function key ({reason ?? "HTTP 401"}): pass --key KEY or set CLUSTERFUNCTIONS_KEY; ./cluster serve writes its key to .state/serve-function-key",
            403 => $"this key may not do that ({reason ?? "HTTP 403"}): ask the platform team for a key with the needed role",
            _ => reason is { Length: > 0 } ? reason : $"HTTP {status}",
        };
    }
}
