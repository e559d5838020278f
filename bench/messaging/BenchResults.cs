using System.Globalization;
using System.Text.Json;

using ClusterFunctions.Bench.E2e;

namespace ClusterFunctions.Bench.Messaging;

/// <summary>The figures of one run: printed as <c>metric: value unit</c> and written to bench/results/messaging.json.</summary>
internal sealed class BenchResults(string client, IReadOnlyDictionary<string, object> parameters)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly SortedDictionary<string, double> metrics = new(StringComparer.Ordinal);

    public double this[string metric] => metrics[metric];

    public void Record(string metric, double value, string unit, int decimals)
    {
        metrics[metric] = Math.Round(value, decimals);
        Console.WriteLine(FormattableString.Invariant($"{metric}: {metrics[metric]} {unit}"));
    }

    public void Write()
    {
        var directory = Path.Combine(Repository.Root(), "bench", "results");
        Directory.CreateDirectory(directory);
        var document = new Dictionary<string, object>
        {
            ["benchmark"] = "messaging",
            ["measuredAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["client"] = client,
            ["parameters"] = parameters,
            ["metrics"] = metrics,
        };
        File.WriteAllText(Path.Combine(directory, "messaging.json"), JsonSerializer.Serialize(document, Indented) + "\n");
    }

    /// <summary>The nearest-rank percentile of ascending samples.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
