using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Bench.Reconcile;

/// <summary>A copy of the shipped catalog whose profiles reconcile every given interval (base's report mode kept).</summary>
internal static class BenchCatalog
{
    private const string Shipped = "interval: 10m";

    public static string Copy(string catalog, string target, TimeSpan interval)
    {
        foreach (string file in Directory.EnumerateFiles(catalog, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(target, Path.GetRelativePath(catalog, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        string profile = Path.Combine(target, "profiles", "base.yaml");
        string text = File.ReadAllText(profile);
        if (!text.Contains(Shipped, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{profile} no longer says \"{Shipped}\": update the bench's catalog copy");
        }

        File.WriteAllText(profile, text.Replace(Shipped, $"interval: {Ttl.Format(interval)}", StringComparison.Ordinal));
        return target;
    }
}
