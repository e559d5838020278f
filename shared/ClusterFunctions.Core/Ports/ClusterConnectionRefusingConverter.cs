using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterFunctions.Core.Ports;

/// <summary>Makes any attempt to serialise a <see cref="ClusterConnection"/> fail loudly instead of leaking it.</summary>
public sealed class ClusterConnectionRefusingConverter : JsonConverter<ClusterConnection>
{
    /// <inheritdoc />
    public override ClusterConnection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A ClusterConnection holds credentials and is never deserialised.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ClusterConnection value, JsonSerializerOptions options) =>
        throw new NotSupportedException(
            "A ClusterConnection holds credentials and must not be serialised (activity results, history, events, logs).");
}
