using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Kubernetes.Apply;

/// <summary>
/// What an apply can change about an object: everything but its status and the server's
/// bookkeeping (resourceVersion, managedFields timestamps), as canonical JSON.
/// </summary>
internal static class ObjectFingerprint
{
    public static string Of(JsonElement obj)
    {
        var node = JsonNode.Parse(obj.GetRawText())!.AsObject();
        node.Remove("status");
        if (node["metadata"] is JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("managedFields");
        }

        return node.ToJsonString();
    }
}
