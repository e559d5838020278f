using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Storage;

/// <summary>Compile-time JSON metadata for the records the store writes on every step (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(TaskFailureDetails))]
[JsonSerializable(typeof(ParentOrchestrationInstance))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
