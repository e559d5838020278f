using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// The version of a profile: a hash of the merged profile and of every bundle it selects, so any edit
/// that changes what "create" does changes the version, and nothing else does.
/// </summary>
public static class ProfileVersion
{
    public static string Compute(Catalog.Catalog catalog, JsonObject mergedProfile, ProfileDefinition profile)
    {
        var content = new JsonObject
        {
            ["profile"] = mergedProfile.DeepClone(),
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
