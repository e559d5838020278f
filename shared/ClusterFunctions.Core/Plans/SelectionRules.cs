using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>Resolves a profile's app and policy selections against the catalog and checks their dependencies.</summary>
internal static class SelectionRules
{
    public static List<SelectedApp> Apps(ProfileDefinition profile, Catalog.Catalog catalog, ICollection<CatalogProblem> problems)
    {
        var selected = new List<SelectedApp>();
        for (var i = 0; i < profile.Apps.Count; i++)
        {
            var selection = profile.Apps[i];
            var path = $"apps[{i}]";
            if (!catalog.Apps.TryGetValue(selection.Name, out var app))
            {
                problems.Add(new CatalogProblem(profile.File, $"{path}.name", $"unknown app '{selection.Name}' (known: {string.Join(", ", catalog.Apps.Keys)})"));
            }
            else if (selected.Any(s => s.Definition.Name == app.Name))
            {
                problems.Add(new CatalogProblem(profile.File, $"{path}.name", $"app '{app.Name}' is selected twice"));
            }
            else
            {
                selected.Add(new SelectedApp(app, selection, path));
            }
        }

        return selected;
    }

    public static List<SelectedPolicy> Policies(ProfileDefinition profile, Catalog.Catalog catalog, IReadOnlyCollection<SelectedApp> apps, ICollection<CatalogProblem> problems)
    {
        var selected = new List<SelectedPolicy>();
        for (var i = 0; i < profile.Policies.Count; i++)
        {
            var selection = profile.Policies[i];
            var path = $"policies[{i}]";
            if (!catalog.Policies.TryGetValue(selection.Name, out var policy))
            {
                problems.Add(new CatalogProblem(profile.File, $"{path}.name", $"unknown policy bundle '{selection.Name}' (known: {string.Join(", ", catalog.Policies.Keys)})"));
                continue;
            }

            if (selected.Any(s => s.Definition.Name == policy.Name))
            {
                problems.Add(new CatalogProblem(profile.File, $"{path}.name", $"policy bundle '{policy.Name}' is selected twice"));
                continue;
            }

            foreach (var required in policy.RequiresApps.Where(r => apps.All(a => a.Definition.Name != r)))
            {
                problems.Add(new CatalogProblem(profile.File, path, $"policy bundle '{policy.Name}' requires app '{required}', which the profile does not include"));
            }

            selected.Add(new SelectedPolicy(policy, selection, path));
        }

        return selected;
    }

    /// <summary>The apps in dependency levels; reports unknown, missing and cyclic dependencies.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Levels(ProfileDefinition profile, Catalog.Catalog catalog, IReadOnlyList<SelectedApp> apps, ICollection<CatalogProblem> problems)
    {
        var graph = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            var definition = app.Definition;
            for (var j = 0; j < definition.DependsOn.Count; j++)
            {
                var dependency = definition.DependsOn[j];
                if (!catalog.Apps.ContainsKey(dependency))
                {
                    problems.Add(new CatalogProblem(definition.File, $"dependsOn[{j}]", $"unknown app '{dependency}'"));
                }
                else if (apps.All(a => a.Definition.Name != dependency))
                {
                    problems.Add(new CatalogProblem(profile.File, app.Path, $"app '{definition.Name}' depends on '{dependency}', which the profile does not include"));
                }
            }

            for (var j = 0; j < definition.Network.Egress.Count; j++)
            {
                var target = definition.Network.Egress[j].App;
                if (target is not null && target != "*" && !catalog.Apps.ContainsKey(target))
                {
                    problems.Add(new CatalogProblem(definition.File, $"network.egress[{j}].app", $"unknown app '{target}'"));
                }
            }

            graph[definition.Name] = definition.DependsOn;
        }

        var (levels, cycle) = DependencyOrder.Levels(graph);
        if (cycle.Count > 0)
        {
            problems.Add(new CatalogProblem(profile.File, "apps", $"dependency cycle: {string.Join(" -> ", cycle)}"));
        }

        return levels;
    }
}
