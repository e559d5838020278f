using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>Reads, removes and merges values in JSON objects by <see cref="FieldSet"/> paths.</summary>
internal static class JsonPaths
{
    public static bool TryGet(JsonObject obj, string path, out JsonNode? value)
    {
        var steps = Walk(obj, path);
        value = steps?.Count > 0 ? steps[^1].Node : null;
        return steps is not null;
    }

    /// <summary>
    /// Removes the value at a path (a list item when the path is its "." marker), then drops maps and
    /// lists the removal left empty.
    /// </summary>
    public static void Remove(JsonObject obj, string path)
    {
        var steps = Walk(obj, path);
        if (steps is null)
        {
            return;
        }

        var last = steps[^1].Segment == ListKeys.Marker ? steps.Count - 2 : steps.Count - 1;
        Detach(steps[last].Parent, steps[last].Node);
        for (var i = last - 1; i >= 0; i--)
        {
            var (parent, segment, node) = steps[i];
            var empty = node is JsonObject o ? o.Count == 0 : node is JsonArray a && a.Count == 0;
            if (!empty || ListKeys.IsItemSegment(segment) || (i == 0 && segment is "metadata" or "spec"))
            {
                break;
            }

            Detach(parent, node);
        }
    }

    /// <summary>Merges maps recursively and keyed-list items by key; other lists and scalars replace what is there.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchChild && patchChild.Count > 0 && target[key] is JsonObject targetChild)
            {
                Merge(targetChild, patchChild);
            }
            else if (value is JsonArray patchList && target[key] is JsonArray targetList
                && ListKeys.ItemSegments(key, patchList) is { } segments && ListKeys.ItemSegments(key, targetList) is not null)
            {
                for (var i = 0; i < patchList.Count; i++)
                {
                    if (ListKeys.Find(key, targetList, segments[i]) is { } existing)
                    {
                        Merge(existing, (JsonObject)patchList[i]!);
                    }
                    else
                    {
                        targetList.Add(patchList[i]!.DeepClone());
                    }
                }
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>The nodes along a path, each with its parent and segment; null when the path does not exist.</summary>
    private static List<(JsonNode Parent, string Segment, JsonNode? Node)>? Walk(JsonObject obj, string path)
    {
        var steps = new List<(JsonNode, string, JsonNode?)>();
        JsonNode? node = obj;
        string? field = null;
        foreach (var segment in FieldSet.Segments(path))
        {
            if (segment == ListKeys.Marker)
            {
                steps.Add((node!, segment, node));
                continue;
            }

            JsonNode? next;
            if (ListKeys.IsItemSegment(segment))
            {
                next = node is JsonArray list && field is not null ? ListKeys.Find(field, list, segment) : null;
                if (next is null)
                {
                    return null;
                }
            }
            else if (node is not JsonObject current || !current.TryGetPropertyValue(segment, out next))
            {
                return null;
            }
            else
            {
                field = segment;
            }

            steps.Add((node!, segment, next));
            node = next;
        }

        return steps;
    }

    private static void Detach(JsonNode parent, JsonNode? node)
    {
        if (parent is JsonArray list && node is not null)
        {
            list.Remove(node);
        }
        else if (parent is JsonObject map)
        {
            var key = map.FirstOrDefault(kv => ReferenceEquals(kv.Value, node)).Key;
            if (key is not null)
            {
                map.Remove(key);
            }
        }
    }

    /// <summary>JSON merge patch (RFC 7386): null deletes, maps merge, everything else replaces.</summary>
    public static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchChild)
            {
                if (target[key] is not JsonObject targetChild)
                {
                    targetChild = new JsonObject();
                    target[key] = targetChild;
                }

                MergePatch(targetChild, patchChild);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
