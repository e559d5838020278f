using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>An app bundle a profile selects, with where the selection stands in the profile.</summary>
internal sealed record SelectedApp(AppBundleDefinition Definition, BundleSelection Selection, string Path);
