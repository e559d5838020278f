using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Bench.E2e;

namespace ClusterFunctions.Bench.Scale;

/// <summary>A run's figures with their units: printed as <c>metric: value unit</c> lines, then a note on the run, and
/// written to <c>bench/results/NAME.json</c>.</summary>
internal static class BenchFigures
{
    public static async Task PrintAndWriteAsync(string bench, IReadOnlyDictionary<string, (double Value, string Unit)> figures, string note)
    {
        foreach (var (metric, (value, unit)) in figures)
        {
            Console.WriteLine($"{metric}: {value.ToString("0.###", CultureInfo.InvariantCulture)} {unit}");
        }

        Console.WriteLine(note);
        string results = Path.Combine(Repository.Root(), "bench", "results");
        Directory.CreateDirectory(results);
        var document = new JsonObject();
        foreach (var (metric, (value, unit)) in figures)
        {
            document[metric] = new JsonObject { ["value"] = Math.Round(value, 3), ["unit"] = unit };
        }

        await File.WriteAllTextAsync(Path.Combine(results, bench + ".json"), document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
