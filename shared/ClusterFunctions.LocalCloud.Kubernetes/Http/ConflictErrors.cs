using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Apply;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>The 409 Status of a server-side apply conflict, in the form kubectl parses and prints.</summary>
internal static class ConflictErrors
{
    public static ApiException ForApply(ResourceType type, string name, IReadOnlyList<FieldConflict> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
        {
            var c = conflicts[0];
            message = $"Apply failed with 1 conflict: conflict with \"{c.Manager}\" using {c.ApiVersion}: {FieldSet.Display(c.Path)}";
        }
        else
        {
            var groups = conflicts.GroupBy(c => (c.Manager, c.ApiVersion))
                .Select(g => $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n", g.Select(c => $"- {FieldSet.Display(c.Path)}")));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", groups)}";
        }

        var details = StatusErrors.Details(type, name);
        details["causes"] = new JsonArray([.. conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
            ["field"] = FieldSet.Display(c.Path),
        })]);
        return new ApiException(409, StatusErrors.Status(409, "Conflict", message, details));
    }
}
