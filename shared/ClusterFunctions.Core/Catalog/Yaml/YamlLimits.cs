namespace ClusterFunctions.Core.Catalog.Yaml;

/// <summary>Bounds that keep a hostile or broken YAML document from exhausting memory or time.</summary>
/// <param name="MaxBytes">Largest accepted document, in UTF-8 bytes.</param>
/// <param name="MaxDepth">Deepest accepted nesting of mappings and sequences.</param>
/// <param name="MaxNodes">Most scalars, mappings and sequences in one document.</param>
public sealed record YamlLimits(int MaxBytes, int MaxDepth, int MaxNodes)
{
    /// <summary>Generous for hand-written catalog files, far below anything harmful.</summary>
    public static YamlLimits Catalog { get; } = new(MaxBytes: 1024 * 1024, MaxDepth: 64, MaxNodes: 100_000);
}
