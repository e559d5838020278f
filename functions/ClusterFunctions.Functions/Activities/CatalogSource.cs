using ClusterFunctions.Core.Catalog;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Loads the catalog from the configured directory. Read on each use: it is small, and edits take effect without a restart.</summary>
public sealed class CatalogSource(IOptions<BuildOptions> options)
{
    public string Directory => options.Value.CatalogDirectory;

    public CatalogLoadResult Load() => CatalogLoader.Load(Directory);
}
