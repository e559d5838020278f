using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>A policy bundle a profile selects, with where the selection stands in the profile.</summary>
internal sealed record SelectedPolicy(PolicyBundleDefinition Definition, BundleSelection Selection, string Path);
