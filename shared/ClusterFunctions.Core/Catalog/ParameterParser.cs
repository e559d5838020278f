using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Catalog;

/// <summary>Reads the <c>parameters</c> block shared by app and policy bundles.</summary>
internal static class ParameterParser
{
    private static readonly string[] Types = ["string", "integer", "boolean"];

    public static IReadOnlyDictionary<string, ParameterDefinition> Read(DocumentReader reader, JsonObject root)
    {
        var result = new SortedDictionary<string, ParameterDefinition>(StringComparer.Ordinal);
        var block = reader.Object(root, "", "parameters", required: false);
        if (block is null)
        {
            return result;
        }

        foreach (var (name, node) in block)
        {
            var path = $"parameters.{name}";
            if (!NameRules.IsParameterName(name))
            {
                reader.Problem(path, "parameter names must match ^[a-zA-Z][a-zA-Z0-9]{0,62}$");
            }

            if (node is not JsonObject spec)
            {
                reader.Problem(path, "must be a mapping with type and default");
                continue;
            }

            reader.OnlyKnownKeys(spec, path, "type", "default", "minimum", "maximum", "enum", "description");
            var type = reader.String(spec, path, "type", required: true) ?? "string";
            if (!Types.Contains(type))
            {
                reader.Problem($"{path}.type", $"must be one of: {string.Join(", ", Types)}");
            }

            var definition = new ParameterDefinition(
                type,
                spec["default"]?.DeepClone(),
                reader.Integer(spec, path, "minimum", required: false),
                reader.Integer(spec, path, "maximum", required: false),
                reader.StringList(spec, path, "enum"));
            if (definition.Default is null)
            {
                reader.Problem($"{path}.default", "is required");
            }
            else
            {
                foreach (var error in Check(definition, definition.Default))
                {
                    reader.Problem($"{path}.default", error);
                }
            }

            result[name] = definition;
        }

        return result;
    }

    /// <summary>The rules a value breaks for this parameter; empty when it is acceptable.</summary>
    public static IEnumerable<string> Check(ParameterDefinition definition, JsonNode? value)
    {
        var kind = value is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;
        switch (definition.Type)
        {
            case "integer":
                if (kind != JsonValueKind.Number || !value!.AsValue().TryGetValue<long>(out var number))
                {
                    yield return "must be a whole number";
                    yield break;
                }

                if (definition.Minimum is { } min && number < min)
                {
                    yield return $"must be >= {min}";
                }

                if (definition.Maximum is { } max && number > max)
                {
                    yield return $"must be <= {max}";
                }

                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    yield return "must be true or false";
                }

                break;
            default:
                if (kind != JsonValueKind.String)
                {
                    yield return "must be a string";
                    yield break;
                }

                if (definition.Enum.Count > 0 && !definition.Enum.Contains(value!.GetValue<string>()))
                {
                    yield return $"must be one of: {string.Join(", ", definition.Enum)}";
                }

                break;
        }
    }
}
