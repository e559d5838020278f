using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Selectors;

/// <summary>
/// A parsed label selector string as list and watch accept it: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, comma-separated (all must hold).
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements;

    private LabelSelector(List<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; throws <see cref="FormatException"/> naming the bad term.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in SplitTerms(text))
        {
            var term = raw.Trim();
            requirements.Add(ParseTerm(term));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Builds a selector from a LabelSelector object (matchLabels and matchExpressions).</summary>
    public static LabelSelector FromObject(JsonObject? selector)
    {
        if (selector is null)
        {
            return Everything;
        }

        var requirements = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var (key, value) in selector["matchLabels"] as JsonObject ?? [])
        {
            var expected = value?.GetValue<string>();
            requirements.Add(l => l.TryGetValue(key, out var v) && v == expected);
        }

        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = expression["key"]?.GetValue<string>() ?? "";
            var values = (expression["values"] as JsonArray ?? []).Select(v => v?.GetValue<string>()).ToHashSet();
            requirements.Add((expression["operator"]?.GetValue<string>()) switch
            {
                "In" => l => l.TryGetValue(key, out var v) && values.Contains(v),
                "NotIn" => l => !l.TryGetValue(key, out var v) || !values.Contains(v),
                "Exists" => l => l.ContainsKey(key),
                "DoesNotExist" => l => !l.ContainsKey(key),
                var op => throw new FormatException($"matchExpressions operator \"{op}\" is not one of In, NotIn, Exists, DoesNotExist"),
            });
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj) => Matches(LabelsOf(obj));

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r(labels));

    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject? obj) =>
        (obj?["metadata"]?["labels"] as JsonObject ?? [])
            .Where(kv => kv.Value is JsonValue)
            .ToDictionary(kv => kv.Key, kv => kv.Value!.ToString());

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = term[..at].Trim();
                var list = term[(at + op.Length)..].Trim();
                if (!list.StartsWith('(') || !list.EndsWith(')'))
                {
                    throw new FormatException($"label selector term \"{term}\": values must be in parentheses");
                }

                var values = list[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
                return negate
                    ? l => !l.TryGetValue(key, out var v) || !values.Contains(v)
                    : l => l.TryGetValue(key, out var v) && values.Contains(v);
            }
        }

        if (term.Contains("!=", StringComparison.Ordinal))
        {
            var parts = term.Split("!=", 2);
            var (key, value) = (parts[0].Trim(), parts[1].Trim());
            return l => !l.TryGetValue(key, out var v) || v != value;
        }

        if (term.Contains('='))
        {
            var parts = term.Split(term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            var (key, value) = (parts[0].Trim(), parts[1].Trim());
            return l => l.TryGetValue(key, out var v) && v == value;
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return l => !l.ContainsKey(key);
        }

        if (term.Length == 0 || term.Contains(' '))
        {
            throw new FormatException($"label selector term \"{term}\" is not a valid requirement");
        }

        return l => l.ContainsKey(term);
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
