using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Catalog;

/// <summary>
/// Validates a whole catalog: every file's shape, then every concrete profile rendered for a sample
/// request, so validation runs exactly the rules "create" runs and cannot drift from them.
/// </summary>
public static class CatalogValidator
{
    /// <summary>The cluster name used to render profiles when no request is at hand.</summary>
    public const string SampleClusterName = "validation";

    public static IReadOnlyList<CatalogProblem> Validate(CatalogLoadResult loaded)
    {
        var problems = new List<CatalogProblem>(loaded.Problems);
        var concrete = ProfileComposer.ConcreteProfiles(loaded.Catalog).ToList();
        if (concrete.Count == 0 && loaded.Catalog.Profiles.Count > 0)
        {
            problems.Add(new CatalogProblem("profiles", "", "no concrete profile: every profile is abstract"));
        }

        foreach (var profile in concrete)
        {
            var request = new ClusterRequest("validate", SampleClusterName, profile);
            problems.AddRange(ClusterPlanRenderer.Render(loaded.Catalog, request).Problems);
        }

        return problems.Distinct().OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();
    }
}
