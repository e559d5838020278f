using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace ClusterFunctions.Core.Catalog.Yaml;

/// <summary>Writes a JSON tree as YAML (for <c>--output yaml</c>), keeping key order and value types.</summary>
public static class YamlWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build();

    public static string Write(JsonNode? node) => Serializer.Serialize(ToPlain(node));

    private static object? ToPlain(JsonNode? node) => node switch
    {
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray a => a.Select(ToPlain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // The node may hold an int, long or double; its JSON text is the one representation they share.
            JsonValueKind.Number when long.TryParse(v.ToJsonString(), out var l) => l,
            JsonValueKind.Number => double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
