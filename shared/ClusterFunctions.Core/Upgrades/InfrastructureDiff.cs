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
        var pools = Pools(before.NodePools, after.NodePools);
        return new InfrastructureChanges(changed ? from : null, changed ? to : null, pools, before.Body != after.Body, Refusals(from, to, before.NodePools, after.NodePools));
    }

    /// <summary>What AKS would refuse of these changes, so an upgrade can stop before its first cluster instead of in it.</summary>
    private static List<string> Refusals(string? from, string? to, IReadOnlyList<NodePoolPlan> before, IReadOnlyList<NodePoolPlan> after)
    {
        var refusals = new List<string>();
        if (Minor(from) is { } was && Minor(to) is { } now && (now.Major != was.Major || now.Minor < was.Minor || now.Minor - was.Minor > 1))
        {
            refusals.Add($"Kubernetes {from} -> {to}: AKS moves a cluster one minor version at a time and never back; go through {was.Major}.{was.Minor + 1} first");
        }

        foreach (var pool in after.Where(p => before.Any(b => b.Name == p.Name && !string.Equals(b.VmSize, p.VmSize, StringComparison.OrdinalIgnoreCase))))
        {
            refusals.Add($"node pool {pool.Name}: AKS cannot change a pool's vmSize ({before.First(b => b.Name == pool.Name).VmSize} -> {pool.VmSize}); add a pool of the new size under another name");
        }

        return refusals;
    }

    private static (int Major, int Minor)? Minor(string? version) =>
        version?.Split('.') is [var major, var minor, ..]
        && int.TryParse(major, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var x)
        && int.TryParse(minor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? (x, y) : null;

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
