namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// Spans as the app's console exporter (Telemetry:Exporter=console) prints them on the worker's standard output,
/// read back from the host's log of that output: the worker is another process, so an in-memory exporter cannot
/// reach the test.
/// </summary>
public sealed record ExportedSpan(string TraceId, string DisplayName, string Kind, IReadOnlyDictionary<string, string> Tags)
{
    public static IReadOnlyList<ExportedSpan> Parse(IEnumerable<string> logLines)
    {
        var spans = new List<ExportedSpan>();
        string? traceId = null, name = null, kind = null;
        Dictionary<string, string> tags = [];
        bool inTags = false;
        void Flush()
        {
            if (traceId is not null && name is not null)
            {
                spans.Add(new ExportedSpan(traceId, name, kind ?? "", tags));
            }
        }

        foreach (string entry in logLines)
        {
            // "Debug ClusterFunctions.Host: worker 1234: <line of the worker's output> "
            int at = entry.IndexOf(": worker ", StringComparison.Ordinal);
            int colon = at < 0 ? -1 : entry.IndexOf(": ", at + 9, StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string line = entry[(colon + 2)..].TrimEnd();
            if (line.StartsWith("Activity.TraceId:", StringComparison.Ordinal))
            {
                Flush();
                (traceId, name, kind, tags, inTags) = (Value(line), null, null, [], false);
            }
            else if (line.StartsWith("Activity.DisplayName:", StringComparison.Ordinal))
            {
                name = Value(line);
            }
            else if (line.StartsWith("Activity.Kind:", StringComparison.Ordinal))
            {
                kind = Value(line);
            }
            else if (line.StartsWith("Activity.Tags:", StringComparison.Ordinal))
            {
                inTags = true;
            }
            else if (line.StartsWith("Activity.", StringComparison.Ordinal) || line.StartsWith("Resource associated", StringComparison.Ordinal))
            {
                inTags = false;
            }
            else if (inTags && line.StartsWith("    ", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is > 0 and var split)
            {
                tags[line[..split].Trim()] = line[(split + 2)..].Trim();
            }
        }

        Flush();
        return spans;
    }

    private static string Value(string line) => line[(line.IndexOf(':') + 1)..].Trim();
}
