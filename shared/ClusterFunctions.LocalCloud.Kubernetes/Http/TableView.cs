using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table), which kubectl asks for in its human-readable output:
/// the columns kubectl users expect for Pods, Deployments, StatefulSets and Namespaces, and
/// Name/Age for the rest.
/// </summary>
internal static class TableView
{
    public static bool Requested(HttpRequest request) => request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject For(ResourceType type, IEnumerable<JsonObject> items, string resourceVersion, DateTimeOffset now, bool includeObject)
    {
        var columns = Columns(type.Kind);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray([.. Cells(type.Kind, item, now)]);
            var obj = includeObject
                ? item.DeepClone()
                : new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = item["metadata"]?.DeepClone() };
            rows.Add(new JsonObject { ["cells"] = cells, ["object"] = obj });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c,
                ["type"] = "string",
                ["format"] = c == "Name" ? "name" : "",
                ["description"] = "",
                ["priority"] = 0,
            })]),
            ["rows"] = rows,
        };
    }

    private static string[] Columns(string kind) => kind switch
    {
        "Pod" => ["Name", "Ready", "Status", "Restarts", "Age"],
        "Deployment" => ["Name", "Ready", "Up-to-date", "Available", "Age"],
        "StatefulSet" => ["Name", "Ready", "Age"],
        "Namespace" => ["Name", "Status", "Age"],
        _ => ["Name", "Age"],
    };

    private static IEnumerable<JsonNode?> Cells(string kind, JsonObject item, DateTimeOffset now)
    {
        var name = item["metadata"]?["name"]?.GetValue<string>() ?? "";
        var age = Age(item["metadata"]?["creationTimestamp"]?.GetValue<string>(), now);
        var status = item["status"];
        int Count(string field) => status?[field] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        var replicas = item["spec"]?["replicas"] is JsonValue r && r.TryGetValue<int>(out var wanted) ? wanted : 1;
        return kind switch
        {
            "Pod" => [name, PodReady(item), status?["phase"]?.GetValue<string>() ?? "Pending", 0, age],
            "Deployment" => [name, $"{Count("readyReplicas")}/{replicas}", Count("updatedReplicas"), Count("availableReplicas"), age],
            "StatefulSet" => [name, $"{Count("readyReplicas")}/{replicas}", age],
            "Namespace" => [name, status?["phase"]?.GetValue<string>() ?? "Active", age],
            _ => [name, age],
        };
    }

    private static string PodReady(JsonObject pod)
    {
        var statuses = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? statuses.Count;
        return $"{statuses.Count(s => s["ready"]?.GetValue<bool>() == true)}/{total}";
    }

    /// <summary>kubectl's short age: 45s, 3m20s, 25m, 5h10m, 3d.</summary>
    private static string Age(string? created, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "<unknown>";
        }

        var age = now - at;
        return age switch
        {
            { TotalSeconds: < 0 } => "0s",
            { TotalMinutes: < 2 } => $"{(int)age.TotalSeconds}s",
            { TotalMinutes: < 10 } => age.Seconds == 0 ? $"{(int)age.TotalMinutes}m" : $"{(int)age.TotalMinutes}m{age.Seconds}s",
            { TotalHours: < 3 } => $"{(int)age.TotalMinutes}m",
            { TotalHours: < 8 } => age.Minutes == 0 ? $"{(int)age.TotalHours}h" : $"{(int)age.TotalHours}h{age.Minutes}m",
            { TotalDays: < 2 } => $"{(int)age.TotalHours}h",
            _ => $"{(int)age.TotalDays}d",
        };
    }
}
