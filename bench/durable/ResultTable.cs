using System.Globalization;
using System.Text.Json;

namespace ClusterFunctions.Bench.Durable;

/// <summary>The profiles side by side, with the ratio of the first to the last measured in the same run.</summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<(string Profile, IReadOnlyList<(string Metric, double Value, string Unit)> Results)> columns, BenchScale scale)
    {
        Console.WriteLine();
        Console.WriteLine($"| metric | {string.Join(" | ", columns.Select(c => c.Profile))} | {columns[0].Profile} / {columns[^1].Profile} |");
        Console.WriteLine($"|---|{string.Join("", columns.Select(_ => "---|"))}---|");
        foreach ((string metric, _, string unit) in columns[0].Results)
        {
            double[] values = columns.Select(c => c.Results.First(r => r.Metric == metric).Value).ToArray();
            Console.WriteLine($"| {metric} ({unit}) | {string.Join(" | ", values.Select(Format))} | {Format(values[0] / values[^1])} |");
        }

        Console.WriteLine($"(chain {scale.Chain}, fan-out {scale.FanOut}, {scale.Orchestrations} small orchestrations, {scale.IdleSamples} idle samples after {scale.IdleTime.TotalSeconds:0} s idle each)");
    }

    public static void Write(string path, IReadOnlyList<(string Profile, IReadOnlyList<(string Metric, double Value, string Unit)> Results)> columns, BenchScale scale)
    {
        var document = new Dictionary<string, object>
        {
            ["measuredAt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["scale"] = scale.ToString(),
            ["profiles"] = columns.ToDictionary(c => c.Profile, c => c.Results.ToDictionary(r => r.Metric, r => new { value = Math.Round(r.Value, 3), unit = r.Unit })),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Format(double value) => value.ToString(value >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);
}
