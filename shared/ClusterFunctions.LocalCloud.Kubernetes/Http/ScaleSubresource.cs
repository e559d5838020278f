using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Selectors;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>The /scale subresource of Deployments and StatefulSets (autoscaling/v1 Scale), which kubectl scale uses.</summary>
internal sealed class ScaleSubresource(ObjectReader reader, ObjectWriter writer)
{
    public static bool Serves(ResourcePath path) => path.Subresource == "scale" && path.Type.Kind is "Deployment" or "StatefulSet";

    public JsonObject Get(ResourcePath path) => ToScale(reader.Get(path with { Subresource = null }));

    /// <summary>Sets spec.replicas from a Scale body (PUT) or patch (merge or strategic) and returns the new Scale.</summary>
    public JsonObject Update(ResourcePath path, JsonObject body, WriteOptions options)
    {
        var replicas = body["spec"]?["replicas"]
            ?? throw StatusErrors.BadRequest("Scale.spec.replicas is required");
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas.DeepClone() } };
        var (_, updated) = writer.MergePatch(path with { Subresource = null }, patch, options, strategic: false);
        return ToScale(updated);
    }

    private static JsonObject ToScale(JsonObject workload)
    {
        var metadata = workload["metadata"]!;
        var selector = LabelSelector.LabelsOf(new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = workload["spec"]?["selector"]?["matchLabels"]?.DeepClone() },
        });
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata["name"]?.DeepClone(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
                ["uid"] = metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = workload["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = workload["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(",", selector.Select(kv => $"{kv.Key}={kv.Value}")),
            },
        };
    }
}
