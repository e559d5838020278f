using System.Text.Json.Nodes;
using ClusterFunctions.Core.Policies;

namespace ClusterFunctions.Core.Plans;

/// <summary>Renders the app namespaces with their Pod Security Admission labels.</summary>
public static class NamespaceRenderer
{
    /// <summary>PSA rules are versioned; pin them to the cluster's minor so an upgrade cannot silently change them.</summary>
    public static JsonObject Render(string name, PodSecurityLevel? enforce, string kubernetesVersion)
    {
        var labels = new JsonObject { ["kubernetes.io/metadata.name"] = name };
        if (enforce is { } level)
        {
            var version = "v" + string.Join('.', kubernetesVersion.Split('.').Take(2));
            labels["pod-security.kubernetes.io/enforce"] = level.ToString().ToLowerInvariant();
            labels["pod-security.kubernetes.io/enforce-version"] = version;
            labels["pod-security.kubernetes.io/audit"] = "restricted";
            labels["pod-security.kubernetes.io/audit-version"] = version;
            labels["pod-security.kubernetes.io/warn"] = "restricted";
            labels["pod-security.kubernetes.io/warn-version"] = version;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
        };
    }
}
