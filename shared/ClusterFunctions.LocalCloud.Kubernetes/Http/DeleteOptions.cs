using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// A delete request's options: dryRun (query or DeleteOptions body, as kubectl delete --dry-run=server
/// sends it) and the uid / resourceVersion preconditions the object must still meet.
/// </summary>
internal sealed record DeleteOptions(bool DryRun, string? Uid, string? ResourceVersion)
{
    /// <summary>Reads the options from the query and an optional JSON DeleteOptions body; 400 naming the field when malformed.</summary>
    public static async Task<DeleteOptions> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var dryRun = DryRunQuery.Parse(request.Query);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DeleteOptions(dryRun, null, null);
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject ?? throw StatusErrors.BadRequest("the DeleteOptions body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"couldn't decode DeleteOptions: {e.Message}");
        }

        if (body["kind"] is JsonValue kind && kind.ToString() != "DeleteOptions")
        {
            throw StatusErrors.BadRequest($"the request body must be a DeleteOptions, not {kind}");
        }

        switch (body["dryRun"])
        {
            case null:
                break;
            case JsonArray values when values.All(v => v is JsonValue value && value.TryGetValue<string>(out var s) && s == "All"):
                dryRun |= values.Count > 0;
                break;
            case var other:
                throw new ApiException(400, StatusErrors.Status(400, "BadRequest",
                    $"DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: {other.ToJsonString()}: supported values: \"All\""));
        }

        var preconditions = body["preconditions"] as JsonObject;
        return new DeleteOptions(dryRun, Text(preconditions, "uid"), Text(preconditions, "resourceVersion"));
    }

    private static string? Text(JsonObject? obj, string name) => obj?[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => throw StatusErrors.BadRequest($"DeleteOptions: preconditions.{name} must be a string"),
    };
}
