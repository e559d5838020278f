using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli;

/// <summary>Prints each step of a build once per change of state, with its duration when it ends.</summary>
public sealed class ProgressPrinter(TextWriter output)
{
    private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);

    public void Show(JsonNode? status)
    {
        foreach (var step in status?["steps"]?.AsArray() ?? [])
        {
            var name = step!["name"]!.GetValue<string>();
            var state = step["state"]!.ToString();
            if (seen.TryGetValue(name, out var previous) && previous == state)
            {
                continue;
            }

            seen[name] = state;
            if (state is "Pending")
            {
                continue;
            }

            var line = $"  {Mark(state)} {name,-34} {state}";
            if (step["startedAt"] is { } started && step["completedAt"] is { } completed)
            {
                var seconds = (DateTimeOffset.Parse(completed.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(started.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).TotalSeconds;
                line += $" ({seconds:0.0}s)";
            }

            if (step["error"] is { } error)
            {
                line += $": {error}";
            }

            output.WriteLine(line);
        }
    }

    private static string Mark(string state) => state switch
    {
        "Succeeded" => "ok",
        "Failed" => "!!",
        "Skipped" => "--",
        _ => "..",
    };
}
