using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterFunctions.Durable;

/// <summary>Writes a <see cref="TaskName"/> as its plain name.</summary>
internal sealed class TaskNameJsonConverter : JsonConverter<TaskName>
{
    public override TaskName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A task name must be a non-empty string."));

    public override void Write(Utf8JsonWriter writer, TaskName value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
