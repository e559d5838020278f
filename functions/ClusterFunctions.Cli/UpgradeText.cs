using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli;

/// <summary>The readable form of an upgrade's status as the upgrade route serves it: each cluster's diff, and where a cluster stands.</summary>
public static class UpgradeText
{
    public static string Diff(JsonNode diff)
    {
        var text = new StringBuilder();
        text.AppendLine($"{diff["clusterName"]}: version {diff["fromVersion"]} -> {diff["toVersion"]}");
        var arm = diff["infrastructure"]!;
        if (arm["kubernetesVersionTo"] is { } to)
        {
            text.AppendLine($"  ARM: Kubernetes {arm["kubernetesVersionFrom"]} -> {to} (control plane, then each node pool)");
        }

        foreach (var pool in arm["nodePools"]?.AsArray() ?? [])
        {
            text.AppendLine($"  ARM: node pool {pool!["name"]} {pool["change"]}: {pool["details"]}");
        }

        foreach (var refusal in arm["refusals"]?.AsArray() ?? [])
        {
            text.AppendLine($"  ARM refuses: {refusal}");
        }

        if (arm["bodyChanged"]?.GetValue<bool>() == true && arm["kubernetesVersionTo"] is null && arm["nodePools"]?.AsArray().Count is null or 0)
        {
            text.AppendLine("  ARM: the managed cluster is sent again (its tags carry the profile version)");
        }

        var manifests = diff["manifests"]!;
        foreach (var (what, key) in new[] { ("create", "create"), ("change", "change"), ("delete", "delete") })
        {
            foreach (var name in manifests[key]?.AsArray() ?? [])
            {
                text.AppendLine($"  {what}: {name}");
            }
        }

        text.Append($"  {manifests["restamped"]} other objects only take the new profile version");
        return text.ToString();
    }

    public static string Cluster(JsonNode cluster) =>
        $"wave {cluster["wave"]}: {cluster["name"]} {cluster["state"]}{(cluster["error"] is { } error ? $": {error}" : "")}";
}
