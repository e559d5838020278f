using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Selectors;

/// <summary>Field selectors (= and !=) over any dotted field path, e.g. metadata.name or involvedObject.name on events.</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Field, string Value, bool Negate)> _terms;

    private FieldSelector(List<(string, string, bool)> terms) => _terms = terms;

    public static FieldSelector Parse(string? text)
    {
        var terms = new List<(string, string, bool)>();
        foreach (var term in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2 || parts[0].Trim().Length == 0)
            {
                throw new FormatException($"field selector term \"{term}\" is not field=value or field!=value");
            }

            terms.Add((parts[0].Trim(), parts[1].Trim(), negate));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) => _terms.All(t => (Value(obj, t.Field) == t.Value) != t.Negate);

    private static string? Value(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = (node as JsonObject)?[segment];
        }

        return node is JsonValue value ? value.ToString() : null;
    }
}
