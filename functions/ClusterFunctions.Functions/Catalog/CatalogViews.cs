namespace ClusterFunctions.Functions.Catalog;

/// <summary>How a refused commit is shown over HTTP: its problems in the shape of the app's other 400s (file, field, message).</summary>
public static class CatalogViews
{
    public static object? Refusal(CatalogRefusal? refusal) => refusal is null
        ? null
        : new
        {
            revision = refusal.Revision,
            refusedAt = refusal.RefusedAt,
            problems = refusal.Problems.Select(p => new { file = p.File, field = p.Path, message = p.Message }),
        };
}
