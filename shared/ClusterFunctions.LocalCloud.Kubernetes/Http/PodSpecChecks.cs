using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// The Pod spec fields kube-apiserver requires, in Pods and in every workload's Pod template: at least one container,
/// and a name and an image for each container and init container. Refused as 422 naming the field.
/// </summary>
internal static class PodSpecChecks
{
    public static void Check(ResourceType type, string name, JsonObject candidate)
    {
        if (PodSpec(type.Kind, candidate) is not { Spec: { } spec, Path: var path })
        {
            return;
        }

        if (spec["containers"] is not JsonArray { Count: > 0 })
        {
            throw StatusErrors.Invalid(type, name, $"{path}.containers", "Required value");
        }

        foreach (var list in new[] { "initContainers", "containers" })
        {
            var containers = spec[list] as JsonArray ?? [];
            for (var i = 0; i < containers.Count; i++)
            {
                foreach (var field in new[] { "name", "image" })
                {
                    if (containers[i]?[field] is not JsonValue value || string.IsNullOrWhiteSpace(value.ToString()))
                    {
                        throw StatusErrors.Invalid(type, name, $"{path}.{list}[{i}].{field}", "Required value");
                    }
                }
            }
        }
    }

    /// <summary>Where the kind keeps its Pod spec, and that spec's field path; null for kinds without one.</summary>
    private static (JsonObject? Spec, string Path)? PodSpec(string kind, JsonObject candidate) => kind switch
    {
        "Pod" => (candidate["spec"] as JsonObject, "spec"),
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => (candidate["spec"]?["template"]?["spec"] as JsonObject, "spec.template.spec"),
        "CronJob" => (candidate["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"] as JsonObject, "spec.jobTemplate.spec.template.spec"),
        _ => null,
    };
}
