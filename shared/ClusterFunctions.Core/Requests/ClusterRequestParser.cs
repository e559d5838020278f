using System.Text.Json;
using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Core.Requests;

/// <summary>
/// Turns a request body (HTTP or queue message) into a <see cref="ClusterRequest"/>, refusing oversized,
/// too deep or malformed JSON with a problem that names the field, never an exception.
/// </summary>
public static class ClusterRequestParser
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = RequestLimits.MaxJsonDepth,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static (ClusterRequest? Request, IReadOnlyList<CatalogProblem> Problems) Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > RequestLimits.MaxBodyBytes)
        {
            return (null, [Problem("", $"body is {body.Length} bytes; the limit is {RequestLimits.MaxBodyBytes}")]);
        }

        if (body.Length == 0)
        {
            return (null, [Problem("", "body is empty; expected a JSON object with requestId, clusterName and profile")]);
        }

        try
        {
            var request = JsonSerializer.Deserialize<ClusterRequest>(body, Options);
            return request is null
                ? (null, [Problem("", "body must be a JSON object, not null")])
                : (request, []);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');
            return (null, [Problem(where, $"invalid JSON: {Describe(e)}")]);
        }
    }

    private static string Describe(JsonException e)
    {
        // System.Text.Json messages name CLR types; keep the part a caller can act on.
        var message = e.Message;
        if (message.Contains("missing required properties", StringComparison.Ordinal) || message.Contains("required", StringComparison.OrdinalIgnoreCase))
        {
            return "requestId, clusterName and profile are required";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "unknown field";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "wrong type (see the request schema: strings, a labels map of strings, overrides.nodePools of {minCount, maxCount})";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"nested deeper than {RequestLimits.MaxJsonDepth} levels";
        }

        return e.LineNumber is { } line ? $"malformed at line {line + 1}, position {e.BytePositionInLine}" : "malformed";
    }

    private static CatalogProblem Problem(string path, string message) => new("request", path, message);
}
