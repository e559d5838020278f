using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Fills <c>${name}</c> placeholders in a manifest. A string that is exactly one placeholder takes the
/// value's own type (so <c>replicas: ${replicas}</c> renders a number); elsewhere the value's text is
/// spliced in. An unknown name is a problem, never left in the output.
/// </summary>
public static partial class ManifestTemplate
{
    public static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, JsonNode?> values, string path, Action<string, string> problem) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Fill(p.Value, values, $"{path}.{p.Key}", problem)))),
        JsonArray a => new JsonArray(a.Select((item, i) => Fill(item, values, $"{path}[{i}]", problem)).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => FillString(v.GetValue<string>(), values, path, problem),
        _ => node?.DeepClone(),
    };

    /// <summary>Fills placeholders in plain text (e.g. a resource group name).</summary>
    public static string FillText(string text, IReadOnlyDictionary<string, JsonNode?> values, string path, Action<string, string> problem) =>
        Placeholder().Replace(text, m => Lookup(m.Groups[1].Value, values, path, problem) is { } value ? AsText(value) : m.Value);

    private static JsonNode? FillString(string text, IReadOnlyDictionary<string, JsonNode?> values, string path, Action<string, string> problem)
    {
        var whole = Placeholder().Match(text);
        if (whole.Success && whole.Length == text.Length)
        {
            return Lookup(whole.Groups[1].Value, values, path, problem)?.DeepClone() ?? JsonValue.Create(text);
        }

        return JsonValue.Create(FillText(text, values, path, problem));
    }

    private static JsonNode? Lookup(string name, IReadOnlyDictionary<string, JsonNode?> values, string path, Action<string, string> problem)
    {
        if (values.TryGetValue(name, out var value) && value is not null)
        {
            return value;
        }

        problem(path, $"unknown variable ${{{name}}} (known: {string.Join(", ", values.Keys.Order(StringComparer.Ordinal))})");
        return null;
    }

    private static string AsText(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value.ToJsonString();

    [GeneratedRegex(@"\$\{([A-Za-z][A-Za-z0-9.]*)\}")]
    private static partial Regex Placeholder();
}
