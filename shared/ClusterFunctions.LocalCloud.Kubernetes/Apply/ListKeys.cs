using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>
/// The associative lists of the built-in types (x-kubernetes-list-type: map) the emulator tracks item
/// by item, with their keys: containers, volumes and env by name, mounts by mountPath, ports by port
/// and protocol. Every other list is atomic. Item segments look like <c>k:{"name":"web"}</c>, as in fieldsV1.
/// </summary>
internal static class ListKeys
{
    public const string Marker = ".";

    private static readonly Dictionary<string, string[]> Keys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"],
        ["env"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
    };

    public static bool IsItemSegment(string segment) => segment.StartsWith("k:{", StringComparison.Ordinal);

    /// <summary>The item segments of a keyed list, or null when the list is atomic (unknown field, or items without unique keys).</summary>
    public static List<string>? ItemSegments(string field, JsonArray list)
    {
        if (list.Count == 0)
        {
            return null;
        }

        var segments = new List<string>();
        foreach (var item in list)
        {
            if (item is not JsonObject obj || Segment(field, obj) is not { } segment)
            {
                return null;
            }

            segments.Add(segment);
        }

        return segments.Distinct(StringComparer.Ordinal).Count() == segments.Count ? segments : null;
    }

    /// <summary>The item of <paramref name="list"/> whose key matches <paramref name="segment"/>.</summary>
    public static JsonObject? Find(string field, JsonArray list, string segment) =>
        list.OfType<JsonObject>().FirstOrDefault(item => Segment(field, item) == segment);

    /// <summary>How kube-apiserver prints an item in a conflict: [name="web"] or [containerPort=80,protocol="TCP"].</summary>
    public static string Display(string segment)
    {
        var key = JsonNode.Parse(segment[2..])!.AsObject();
        return "[" + string.Join(",", key.Select(kv => $"{kv.Key}={kv.Value!.ToJsonString()}")) + "]";
    }

    private static string? Segment(string field, JsonObject item)
    {
        string[] keys;
        if (field == "ports")
        {
            keys = item.ContainsKey("containerPort") ? ["containerPort", "protocol"] : item.ContainsKey("port") ? ["port", "protocol"] : [];
        }
        else if (!Keys.TryGetValue(field, out keys!))
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var name in keys)
        {
            // Protocol is defaulted to TCP by the real server before it keys the item.
            var value = item[name]?.DeepClone() ?? (name == "protocol" ? JsonValue.Create("TCP") : null);
            if (value is null)
            {
                return null;
            }

            key[name] = value;
        }

        return keys.Length == 0 ? null : "k:" + key.ToJsonString();
    }
}
