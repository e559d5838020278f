using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Each concrete profile's content version in a catalog, with the rollout its definition asks for: what a rollout
/// compares a cluster's recorded version with. The same version a plan rendered from the catalog carries.
/// </summary>
public static class ProfileVersions
{
    /// <summary>Profile name to version and rollout; a profile that does not compose is left out.</summary>
    public static IReadOnlyDictionary<string, ProfileVersionInForce> Of(Catalog.Catalog catalog)
    {
        var versions = new Dictionary<string, ProfileVersionInForce>(StringComparer.Ordinal);
        foreach (var name in ProfileComposer.ConcreteProfiles(catalog))
        {
            var problems = new List<CatalogProblem>();
            var merged = ProfileComposer.Compose(catalog, name, problems);
            if (merged is null)
            {
                continue;
            }

            var profile = ProfileParser.Read(new DocumentReader(catalog.Profiles[name].File, problems), merged);
            versions[name] = new ProfileVersionInForce(ProfileVersion.Compute(catalog, merged, profile), profile.Rollout);
        }

        return versions;
    }
}
