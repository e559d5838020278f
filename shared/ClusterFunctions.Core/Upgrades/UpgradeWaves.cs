namespace ClusterFunctions.Core.Upgrades;

/// <summary>Splits the clusters to upgrade into waves: consecutive groups of at most the wave size, in name order.</summary>
public static class UpgradeWaves
{
    public const int MinSize = 1;
    public const int MaxSize = 100;

    public static IReadOnlyList<IReadOnlyList<string>> Plan(IEnumerable<string> clusters, int waveSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(waveSize, MinSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(waveSize, MaxSize);
        return clusters.Order(StringComparer.Ordinal).Chunk(waveSize).Select(w => (IReadOnlyList<string>)w).ToList();
    }
}
