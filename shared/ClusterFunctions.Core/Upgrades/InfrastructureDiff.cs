using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Upgrades;

/// <summary>
/// Compares the managed cluster two plans render: the control plane's Kubernetes version and each node pool. It compares
/// plans, not the live cluster: the old plan is what the cluster was last built or upgraded to, as recorded.
/// </summary>
public static class InfrastructureDiff
{
    public static InfrastructureChanges Compare(InfrastructurePlan old, InfrastructurePlan next)
    {
        if (old.Aks is not { } before || next.Aks is not { } after)
        {
            return InfrastructureChanges.None;
        }

        var (from, to) = (KubernetesVersionOf(before), KubernetesVersionOf(after));
        var changed = from != to;
        return new InfrastructureChanges(changed ? from : null, changed ? to : null, Pools(before.NodePools, after.NodePools), before.Body != after.Body);
    }

    /// <summary>The control plane's version in a plan's ARM body (<c>properties.kubernetesVersion</c>).</summary>
    public static string? KubernetesVersionOf(AksClusterPlan plan) =>
        JsonNode.Parse(plan.Body)?["properties"]?["kubernetesVersion"]?.GetValue<string>();

    private static List<NodePoolChange> Pools(IReadOnlyList<NodePoolPlan> before, IReadOnlyList<NodePoolPlan> after)
    {
        var changes = new List<NodePoolChange>();
        foreach (var name in before.Select(p => p.Name).Union(after.Select(p => p.Name)).Order(StringComparer.Ordinal))
        {
            var (was, now) = (before.FirstOrDefault(p => p.Name == name), after.FirstOrDefault(p => p.Name == name));
            if (was is null)
            {
                changes.Add(new NodePoolChange(name, "added", $"{now!.Mode}, {now.VmSize}, {now.MinCount}-{now.MaxCount} nodes"));
            }
            else if (now is null)
            {
                changes.Add(new NodePoolChange(name, "removed", $"{was.Mode}, {was.VmSize}, {was.MinCount}-{was.MaxCount} nodes"));
            }
            else if (Differences(was, now) is { Count: > 0 } differences)
            {
                changes.Add(new NodePoolChange(name, "changed", string.Join(", ", differences)));
            }
        }

        return changes;
    }

    private static List<string> Differences(NodePoolPlan was, NodePoolPlan now)
    {
        var differences = new List<string>();
        void Compare<T>(string field, T before, T after)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                differences.Add($"{field} {before} -> {after}");
            }
        }

        Compare("mode", was.Mode, now.Mode);
        Compare("vmSize", was.VmSize, now.VmSize);
        Compare("minCount", was.MinCount, now.MinCount);
        Compare("maxCount", was.MaxCount, now.MaxCount);
        Compare("gpu", was.Gpu, now.Gpu);
        Compare("taints", string.Join(";", was.Taints), string.Join(";", now.Taints));
        return differences;
    }
}
