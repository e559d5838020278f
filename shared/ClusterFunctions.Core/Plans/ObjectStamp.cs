using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Plans;

/// <summary>Puts the inventory labels and annotations on an object so the apply engine can find and prune what it owns.</summary>
internal sealed record ObjectStamp(string ClusterName, string RequestId, string ProfileVersion)
{
    public void Apply(JsonObject manifest, string bundle)
    {
        if (manifest["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            manifest["metadata"] = metadata;
        }

        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        labels[InventoryLabels.ManagedBy] = InventoryLabels.ManagedByValue;
        labels[InventoryLabels.Cluster] = ClusterName;
        labels[InventoryLabels.Bundle] = bundle;
        metadata["labels"] = labels;

        var annotations = metadata["annotations"] as JsonObject ?? new JsonObject();
        annotations[InventoryLabels.RequestIdAnnotation] = RequestId;
        annotations[InventoryLabels.ProfileVersionAnnotation] = ProfileVersion;
        metadata["annotations"] = annotations;
    }
}
