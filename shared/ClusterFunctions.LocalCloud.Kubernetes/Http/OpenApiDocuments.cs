using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// A minimal OpenAPI v3 discovery: the root lists one document per group version, and each document
/// declares, per kind, a PATCH operation accepting the fieldValidation query parameter. That is what
/// kubectl checks before it trusts the server with field validation, so apply works without
/// --validate=false. Schemas are not served: the emulator does not validate fields.
/// </summary>
internal static class OpenApiDocuments
{
    public static JsonObject? For(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed == "/openapi/v3")
        {
            var paths = new JsonObject();
            foreach (var gv in GroupVersionPaths())
            {
                paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash=emulator" };
            }

            return new JsonObject { ["paths"] = paths };
        }

        if (!trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            return null;
        }

        var gvPath = trimmed["/openapi/v3/".Length..];
        return GroupVersionPaths().Contains(gvPath) ? Document(gvPath) : null;
    }

    private static IEnumerable<string> GroupVersionPaths() =>
        ResourceTypes.All.Where(t => t.Stored).Select(PathOf).Distinct();

    private static string PathOf(ResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    private static JsonObject Document(string gvPath)
    {
        var paths = new JsonObject();
        foreach (var type in ResourceTypes.All.Where(t => t.Stored && PathOf(t) == gvPath))
        {
            var item = type.Namespaced
                ? $"/{gvPath}/namespaces/{{namespace}}/{type.Plural}/{{name}}"
                : $"/{gvPath}/{type.Plural}/{{name}}";
            paths[item] = new JsonObject
            {
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{type.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
                    ["parameters"] = new JsonArray(
                        Query("dryRun"), Query("fieldManager"), Query("fieldValidation"), Query("force")),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject(),
        };
    }

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
