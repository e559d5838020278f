using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>
/// Strategic merge patch for the lists kubectl edits in place (kubectl set image, rollout restart,
/// edit): lists of containers, volumes, env, ports and mounts merge item by item on their key, as
/// the built-in types' patchMergeKey says; every other list is replaced, and null deletes, as in a
/// JSON merge patch. "$patch: delete" items remove the keyed entry.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["volumeMounts"] = "mountPath",
        ["ports"] = "containerPort",
        ["imagePullSecrets"] = "name",
        ["tolerations"] = "key",
    };

    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith("$", StringComparison.Ordinal))
            {
                continue;
            }

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

                Apply(targetChild, patchChild);
            }
            else if (value is JsonArray patchList && target[key] is JsonArray targetList && MergeKeys.TryGetValue(key, out var mergeKey))
            {
                MergeList(targetList, patchList, mergeKey);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static void MergeList(JsonArray target, JsonArray patch, string mergeKey)
    {
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[mergeKey];
            var existing = target.OfType<JsonObject>().FirstOrDefault(t => JsonNode.DeepEquals(t[mergeKey], id));
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (existing is not null)
                {
                    target.Remove(existing);
                }
            }
            else if (existing is not null)
            {
                Apply(existing, item);
            }
            else
            {
                var added = (JsonObject)item.DeepClone();
                added.Remove("$patch");
                target.Add(added);
            }
        }
    }
}
