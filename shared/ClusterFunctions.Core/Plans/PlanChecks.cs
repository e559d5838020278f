using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>Checks that need the whole rendered plan: duplicates across bundles, GPU capacity, gate targets.</summary>
internal static class PlanChecks
{
    public static void Duplicates(IReadOnlyList<ManifestLevel> levels, Catalog.Catalog catalog, ICollection<CatalogProblem> problems)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var bundle in levels.SelectMany(l => l.Bundles))
        {
            foreach (var m in bundle.Manifests)
            {
                var group = m.ApiVersion.Contains('/') ? m.ApiVersion[..m.ApiVersion.IndexOf('/')] : "";
                var key = $"{group}/{m.Kind}/{m.Namespace}/{m.Name}";
                if (owners.TryGetValue(key, out var owner))
                {
                    var file = catalog.Apps.GetValueOrDefault(bundle.Name)?.File ?? catalog.Policies.GetValueOrDefault(bundle.Name)?.File ?? bundle.Name;
                    var where = m.Namespace is null ? m.Name : $"{m.Namespace}/{m.Name}";
                    problems.Add(new CatalogProblem(file, "manifests", $"duplicate resource {m.Kind} {where}: bundle '{owner}' already defines it"));
                }
                else
                {
                    owners[key] = bundle.Name;
                }
            }
        }
    }

    public static void GpuCapacity(IReadOnlyList<ManifestLevel> levels, InfrastructureDefinition infrastructure, string file, ICollection<CatalogProblem> problems)
    {
        if (infrastructure.Provider != InfrastructureProviders.Aks || infrastructure.NodePools.Any(p => p.Gpu && p.MaxCount > 0))
        {
            return;
        }

        // A resource request is the only place "nvidia.com/gpu" appears as a JSON key (tolerations hold it as a value).
        foreach (var bundle in levels.SelectMany(l => l.Bundles).Where(b => b.Manifests.Any(m => m.Json.Contains("\"nvidia.com/gpu\":", StringComparison.Ordinal))))
        {
            problems.Add(new CatalogProblem(file, "infrastructure.nodePools", $"app '{bundle.Name}' requests nvidia.com/gpu but no GPU pool can scale above 0 nodes"));
        }
    }

    public static ReadinessGate? Gate(AppBundleDefinition app, IReadOnlyList<KubernetesManifest> manifests, ICollection<CatalogProblem> problems)
    {
        if (app.Readiness is null)
        {
            return null;
        }

        var workloads = new List<WorkloadRef>();
        for (var i = 0; i < app.Readiness.Workloads.Count; i++)
        {
            var parts = app.Readiness.Workloads[i].Split('/');
            if (parts.Length != 2)
            {
                continue;
            }

            var target = manifests.FirstOrDefault(m => m.Kind == parts[0] && m.Name == parts[1]);
            if (target is null)
            {
                problems.Add(new CatalogProblem(app.File, $"readiness.workloads[{i}]", $"no {parts[0]} named '{parts[1]}' in this bundle's manifests"));
                continue;
            }

            workloads.Add(new WorkloadRef(target.Kind, target.Namespace!, target.Name));
        }

        return new ReadinessGate(workloads, TimeSpan.FromSeconds(app.Readiness.TimeoutSeconds));
    }
}
