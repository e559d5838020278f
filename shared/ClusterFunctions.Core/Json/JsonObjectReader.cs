using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Json;

/// <summary>
/// Reads typed fields from one JSON object produced by <see cref="StrictJsonParser"/>, recording an
/// error with the field's path for every missing, mistyped or unknown field instead of stopping at the
/// first. Property names are case-sensitive; <see cref="RefuseUnknownFields"/> reports every field the
/// caller did not ask for.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly JsonObject node;
    private readonly List<JsonFieldError> errors;
    private readonly List<string> known = [];

    private JsonObjectReader(JsonObject node, string path, List<JsonFieldError> errors)
    {
        this.node = node;
        Path = path;
        this.errors = errors;
    }

    /// <summary>Where this object is in the document ("" for the top level).</summary>
    public string Path { get; }

    /// <summary>The object's property names, in document order (for maps whose keys are data).</summary>
    public IEnumerable<string> Names => node.Select(p => p.Key);

    /// <summary>How many fields the object has.</summary>
    public int Count => node.Count;

    /// <summary>Records an error against field <paramref name="name"/> for a rule the caller checks itself.</summary>
    public void Refuse(string name, string message) => errors.Add(new JsonFieldError(JsonPath.Property(Path, name), message));

    /// <summary>A reader for the top-level value, or null (with an error) when it is not an object.</summary>
    public static JsonObjectReader? ForRoot(JsonNode? root, List<JsonFieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (root is JsonObject o)
        {
            return new JsonObjectReader(o, "", errors);
        }

        errors.Add(new JsonFieldError("", $"expected a JSON object, got {Describe(root)}"));
        return null;
    }

    /// <summary>A string field; null when absent or null (an error if required).</summary>
    public string? String(string name, bool required = false) =>
        Field(name, required, "a string", v => v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null);

    /// <summary>A true/false field.</summary>
    public bool? Boolean(string name, bool required = false) =>
        Field<bool?>(name, required, "a boolean", v => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null);

    /// <summary>A whole-number field within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public int? Int32(string name, int min, int max, bool required = false)
    {
        var path = JsonPath.Property(Path, name);
        var value = Field<JsonValue>(name, required, "a number", v => v.GetValueKind() == JsonValueKind.Number ? v : null);
        if (value is null)
        {
            return null;
        }

        if (!value.TryGetValue<long>(out var whole) && value.TryGetValue<double>(out var real) && Math.Floor(real) == real)
        {
            errors.Add(new JsonFieldError(path, $"must be between {min} and {max}, got {value.ToJsonString()}"));
            return null;
        }

        if (!value.TryGetValue(out whole))
        {
            errors.Add(new JsonFieldError(path, $"expected a whole number, got {value.ToJsonString()}"));
            return null;
        }

        if (whole < min || whole > max)
        {
            errors.Add(new JsonFieldError(path, $"must be between {min} and {max}, got {whole}"));
            return null;
        }

        return (int)whole;
    }

    /// <summary>A nested object field.</summary>
    public JsonObjectReader? Object(string name, bool required = false)
    {
        var child = Present(name, required);
        if (child is null)
        {
            return null;
        }

        if (child is JsonObject o)
        {
            return new JsonObjectReader(o, JsonPath.Property(Path, name), errors);
        }

        Mistyped(name, "an object", child);
        return null;
    }

    /// <summary>An object whose keys are data and whose values are all strings (such as labels).</summary>
    public IReadOnlyDictionary<string, string>? StringMap(string name, int maxEntries)
    {
        if (Object(name) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Count > maxEntries)
        {
            Refuse(name, $"must have at most {maxEntries} entries, got {map.Count}");
            return null;
        }

        foreach (var key in map.Names)
        {
            if (map.String(key, required: true) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    /// <summary>Reports every field not asked for so far; a name that differs only in case says which was meant.</summary>
    public void RefuseUnknownFields()
    {
        foreach (var name in Names.Where(n => !known.Contains(n, StringComparer.Ordinal)))
        {
            var meant = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            errors.Add(new JsonFieldError(
                JsonPath.Property(Path, name),
                meant is not null
                    ? $"unknown field; field names are case-sensitive, did you mean '{meant}'?"
                    : $"unknown field (expected one of: {string.Join(", ", known)})"));
        }
    }

    private T? Field<T>(string name, bool required, string expected, Func<JsonValue, T?> read)
    {
        var value = Present(name, required);
        if (value is null)
        {
            return default;
        }

        if (value is JsonValue v && read(v) is { } result)
        {
            return result;
        }

        Mistyped(name, expected, value);
        return default;
    }

    private JsonNode? Present(string name, bool required)
    {
        known.Add(name);
        var value = node[name];
        if (value is null && required)
        {
            errors.Add(new JsonFieldError(JsonPath.Property(Path, name), node.ContainsKey(name) ? "is required, got null" : "is required"));
        }

        return value;
    }

    private void Mistyped(string name, string expected, JsonNode? value) =>
        errors.Add(new JsonFieldError(JsonPath.Property(Path, name), $"expected {expected}, got {Describe(value)}"));

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };
}
