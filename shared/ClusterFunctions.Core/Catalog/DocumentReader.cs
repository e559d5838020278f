using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Catalog;

/// <summary>
/// Reads typed fields out of a parsed document and records a problem for every missing, mistyped or
/// unknown field instead of stopping at the first, so a user sees every mistake at once.
/// </summary>
internal sealed class DocumentReader(string file, ICollection<CatalogProblem> problems)
{
    public string File => file;

    public void Problem(string path, string message) => problems.Add(new CatalogProblem(file, path, message));

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public void OnlyKnownKeys(JsonObject node, string path, params string[] known)
    {
        foreach (var key in node.Select(p => p.Key))
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                Problem(Join(path, key), $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public string? String(JsonObject node, string path, string key, bool required)
    {
        var value = Present(node, path, key, required);
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        // Plain YAML scalars such as 1.32 or 42 are read as numbers; a string field takes their text.
        if (value is JsonValue n && n.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            return n.ToJsonString();
        }

        Problem(Join(path, key), "must be a string");
        return null;
    }

    public int? Integer(JsonObject node, string path, string key, bool required)
    {
        var value = Present(node, path, key, required);
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) && l is >= int.MinValue and <= int.MaxValue)
        {
            return (int)l;
        }

        Problem(Join(path, key), "must be a whole number");
        return null;
    }

    public bool? Boolean(JsonObject node, string path, string key)
    {
        var value = Present(node, path, key, required: false);
        if (value is null)
        {
            return null;
        }

        if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }

        Problem(Join(path, key), "must be true or false");
        return null;
    }

    public JsonObject? Object(JsonObject node, string path, string key, bool required)
    {
        var value = Present(node, path, key, required);
        if (value is null)
        {
            return null;
        }

        if (value is JsonObject o)
        {
            return o;
        }

        Problem(Join(path, key), "must be a mapping");
        return null;
    }

    public JsonArray? Array(JsonObject node, string path, string key, bool required)
    {
        var value = Present(node, path, key, required);
        if (value is null)
        {
            return null;
        }

        if (value is JsonArray a)
        {
            return a;
        }

        Problem(Join(path, key), "must be a list");
        return null;
    }

    public IReadOnlyList<string> StringList(JsonObject node, string path, string key)
    {
        var array = Array(node, path, key, required: false);
        if (array is null)
        {
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                result.Add(v.GetValue<string>());
            }
            else
            {
                Problem($"{Join(path, key)}[{i}]", "must be a string");
            }
        }

        return result;
    }

    public IReadOnlyDictionary<string, string> StringMap(JsonObject node, string path, string key)
    {
        var map = Object(node, path, key, required: false);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }

        foreach (var (k, value) in map)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                result[k] = v.GetValue<string>();
            }
            else
            {
                Problem(Join(Join(path, key), k), "must be a string");
            }
        }

        return result;
    }

    private JsonNode? Present(JsonObject node, string path, string key, bool required)
    {
        if (node.TryGetPropertyValue(key, out var value) && value is not null)
        {
            return value;
        }

        if (required)
        {
            Problem(Join(path, key), "is required");
        }

        return null;
    }
}
