namespace ClusterFunctions.Core.Catalog;

/// <summary>One mistake in a catalog or request: which file, where in it, and the rule it breaks.</summary>
/// <param name="File">Path relative to the catalog directory, e.g. "profiles/production.yaml", or "request".</param>
/// <param name="Path">Location inside the document, e.g. "infrastructure.nodePools[1].maxCount"; empty for the whole file.</param>
/// <param name="Message">The rule, phrased as what must hold, e.g. "must be >= minCount (0)".</param>
public sealed record CatalogProblem(string File, string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? $"{File}: {Message}" : $"{File}: {Path}: {Message}";
}
