namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Groups apps into levels so each app comes after everything it depends on, and finds cycles. Apps
/// of one level have no dependency between them, so the orchestrator runs them in parallel.
/// </summary>
public static class DependencyOrder
{
    /// <summary>The levels (names sorted inside each), or the apps on a cycle when there is one.</summary>
    public static (IReadOnlyList<IReadOnlyList<string>> Levels, IReadOnlyList<string> Cycle) Levels(IReadOnlyDictionary<string, IReadOnlyList<string>> dependsOn)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var visiting = new List<string>();
        IReadOnlyList<string> cycle = [];

        int Depth(string app)
        {
            if (depth.TryGetValue(app, out var known))
            {
                return known;
            }

            var at = visiting.IndexOf(app);
            if (at >= 0)
            {
                if (cycle.Count == 0)
                {
                    cycle = [.. visiting.Skip(at), app];
                }

                return 0;
            }

            visiting.Add(app);
            var d = dependsOn.TryGetValue(app, out var deps)
                ? deps.Where(dependsOn.ContainsKey).Select(dep => Depth(dep) + 1).DefaultIfEmpty(0).Max()
                : 0;
            visiting.RemoveAt(visiting.Count - 1);
            depth[app] = d;
            return d;
        }

        foreach (var app in dependsOn.Keys.Order(StringComparer.Ordinal))
        {
            Depth(app);
        }

        if (cycle.Count > 0)
        {
            return ([], cycle);
        }

        var levels = depth.GroupBy(p => p.Value)
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)g.Select(p => p.Key).Order(StringComparer.Ordinal).ToList())
            .ToList();
        return (levels, []);
    }
}
