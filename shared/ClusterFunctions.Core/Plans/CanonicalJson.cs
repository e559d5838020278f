using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Plans;

/// <summary>One serialisation for plans: object keys sorted ordinally, no whitespace, so equal input gives equal bytes.</summary>
public static class CanonicalJson
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static string Serialize(JsonNode? node) => Sort(node)?.ToJsonString(Compact) ?? "null";

    public static string SerializeIndented(JsonNode? node) => Sort(node)?.ToJsonString(Indented) ?? "null";

    /// <summary>A deep copy with every object's keys in ordinal order.</summary>
    public static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };
}
