using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Catalog;

/// <summary>A loaded catalog: profiles (still unmerged), app bundles and policy bundles, by name.</summary>
public sealed record Catalog(
    string Directory,
    IReadOnlyDictionary<string, CatalogDocument> Profiles,
    IReadOnlyDictionary<string, AppBundleDefinition> Apps,
    IReadOnlyDictionary<string, PolicyBundleDefinition> Policies,
    IReadOnlyDictionary<string, CatalogDocument> Documents);
