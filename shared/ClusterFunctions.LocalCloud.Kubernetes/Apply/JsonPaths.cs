using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>Reads, removes and merges values in JSON objects by <see cref="FieldSet"/> paths.</summary>
internal static class JsonPaths
{
    public static bool TryGet(JsonObject obj, string path, out JsonNode? value)
    {
        JsonNode? node = obj;
        foreach (var segment in FieldSet.Segments(path))
        {
            if (node is not JsonObject current || !current.TryGetPropertyValue(segment, out node))
            {
                value = null;
                return false;
            }
        }

        value = node;
        return true;
    }

    /// <summary>Removes the value at a path, then drops maps that the removal left empty.</summary>
    public static void Remove(JsonObject obj, string path)
    {
        var segments = FieldSet.Segments(path);
        var chain = new List<JsonObject> { obj };
        foreach (var segment in segments[..^1])
        {
            if (chain[^1][segment] is not JsonObject next)
            {
                return;
            }

            chain.Add(next);
        }

        chain[^1].Remove(segments[^1]);
        for (var i = chain.Count - 1; i >= 1; i--)
        {
            if (chain[i].Count > 0 || (i == 1 && segments[0] is "metadata" or "spec"))
            {
                break;
            }

            chain[i - 1].Remove(segments[i - 1]);
        }
    }

    /// <summary>Merges maps recursively; lists and scalars in <paramref name="patch"/> replace what is there.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchChild && patchChild.Count > 0 && target[key] is JsonObject targetChild)
            {
                Merge(targetChild, patchChild);
            }
            else
            {
                target[key] = value?.DeepClone();
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
