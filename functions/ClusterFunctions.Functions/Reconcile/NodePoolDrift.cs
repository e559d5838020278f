using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Reconcile;

/// <summary>How the node pools Azure Resource Manager reports differ from the planned ones: missing, extra, other bounds.</summary>
public static class NodePoolDrift
{
    public static IEnumerable<string> Differences(IReadOnlyList<NodePoolPlan> planned, IReadOnlyList<NodePoolState> actual)
    {
        foreach (var pool in planned)
        {
            var found = actual.FirstOrDefault(p => p.Name == pool.Name);
            if (found is null)
            {
                yield return $"node pool {pool.Name} is missing in Azure Resource Manager";
            }
            else if (found.MinCount != pool.MinCount || found.MaxCount != pool.MaxCount)
            {
                yield return $"node pool {pool.Name} scales {found.MinCount?.ToString() ?? "?"}..{found.MaxCount?.ToString() ?? "?"}, the plan says {pool.MinCount}..{pool.MaxCount}";
            }
        }

        foreach (var extra in actual.Where(p => planned.All(q => q.Name != p.Name)))
        {
            yield return $"node pool {extra.Name} is not in the plan";
        }
    }
}
