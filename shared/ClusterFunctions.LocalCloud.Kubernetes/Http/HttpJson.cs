using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>Reads request bodies as JSON objects and writes JSON responses.</summary>
internal static class HttpJson
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>Reads a JSON (or YAML) object; protobuf only for the kinds <see cref="ProtobufObjects"/> knows, given <paramref name="kind"/>.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken, string? kind = null)
    {
        if ((request.ContentType ?? "").StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            return ProtobufObjects.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), kind ?? "", request.ContentType!);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if ((request.ContentType ?? "").Contains("yaml", StringComparison.Ordinal) && !text.TrimStart().StartsWith('{'))
        {
            return YamlBody.Parse(text);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw StatusErrors.BadRequest("the request body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    /// <summary>Reads any JSON value (a JSON patch is an array).</summary>
    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        try
        {
            return JsonNode.Parse(await reader.ReadToEndAsync(cancellationToken));
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"json parse error: {e.Message}");
        }
    }

    public static async Task WriteAsync(HttpResponse response, int code, JsonNode body, CancellationToken cancellationToken)
    {
        response.StatusCode = code;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(Compact), cancellationToken);
    }

    public static string Serialize(JsonNode node) => node.ToJsonString(Compact);
}
