using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// The version of a profile: a hash of the merged profile and of every bundle it selects, so any edit
/// that changes what "create" does changes the version, and nothing else does: <c>rollout</c> is left out, since it
/// says what a new version does to running clusters, not what a cluster is.
/// </summary>
public static class ProfileVersion
{
    public static string Compute(Catalog.Catalog catalog, JsonObject mergedProfile, ProfileDefinition profile)
    {
        var hashed = mergedProfile.DeepClone().AsObject();
        hashed.Remove("rollout");
        var content = new JsonObject
        {
            ["profile"] = hashed,
            ["apps"] = Documents(catalog, profile.Apps.Select(a => catalog.Apps.GetValueOrDefault(a.Name)?.File)),
            ["policies"] = Documents(catalog, profile.Policies.Select(p => catalog.Policies.GetValueOrDefault(p.Name)?.File)),
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson.Serialize(content)));
        return Convert.ToHexStringLower(hash)[..12];
    }

    private static JsonObject Documents(Catalog.Catalog catalog, IEnumerable<string?> files)
    {
        var result = new JsonObject();
        foreach (var file in files.OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            result[file] = catalog.Documents.TryGetValue(file, out CatalogDocument? document) ? document.Root.DeepClone() : null;
        }

        return result;
    }
}
