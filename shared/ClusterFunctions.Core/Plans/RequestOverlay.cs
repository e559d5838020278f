using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Plans;

/// <summary>Applies what a request may change (region, pool bounds) to its profile's infrastructure.</summary>
internal static class RequestOverlay
{
    public static InfrastructureDefinition Apply(InfrastructureDefinition infrastructure, RequestOverrides? overrides, ICollection<CatalogProblem> problems)
    {
        if (overrides is null)
        {
            return infrastructure;
        }

        var pools = infrastructure.NodePools.ToList();
        foreach (var (name, bounds) in overrides.NodePools ?? new Dictionary<string, NodePoolBounds>())
        {
            var index = pools.FindIndex(p => p.Name == name);
            if (index < 0)
            {
                problems.Add(new CatalogProblem("request", $"overrides.nodePools.{name}", $"the profile has no pool named '{name}' (pools: {string.Join(", ", pools.Select(p => p.Name))})"));
                continue;
            }

            pools[index] = pools[index] with
            {
                MinCount = bounds?.MinCount ?? pools[index].MinCount,
                MaxCount = bounds?.MaxCount ?? pools[index].MaxCount,
            };
        }

        return infrastructure with { Region = overrides.Region ?? infrastructure.Region, NodePools = pools };
    }
}
