using System.Text;
using System.Text.Json;

namespace ClusterFunctions.Durable;

/// <summary>Serializes user payloads to JSON and enforces the payload size limit.</summary>
public sealed class DataConverter(DurableTaskOptions options)
{
    /// <summary>The limit in bytes.</summary>
    public int MaxPayloadBytes => options.MaxPayloadBytes;

    /// <summary>Serializes <paramref name="value"/>; refuses it with <see cref="PayloadTooLargeException"/> when over the limit.</summary>
    public string? Serialize(object? value, string what)
    {
        if (value is null)
        {
            return null;
        }

        var json = JsonSerializer.Serialize(value, value.GetType(), options.SerializerOptions);
        CheckSize(json, what);
        return json;
    }

    /// <summary>Throws when <paramref name="json"/> is over the limit.</summary>
    public void CheckSize(string? json, string what)
    {
        if (json is null)
        {
            return;
        }

        // Cheap pre-check: UTF-8 is at most 3 bytes per UTF-16 char, so short strings skip the count.
        if (json.Length * 3 <= options.MaxPayloadBytes)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > options.MaxPayloadBytes)
        {
            throw new PayloadTooLargeException(what, bytes, options.MaxPayloadBytes);
        }
    }

    /// <summary>Deserializes <paramref name="json"/> to <typeparamref name="T"/>; null JSON gives default.</summary>
    public T? Deserialize<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, options.SerializerOptions);

    /// <summary>Deserializes <paramref name="json"/> to <paramref name="type"/>; null JSON gives null.</summary>
    public object? Deserialize(string? json, Type type) =>
        json is null ? null : JsonSerializer.Deserialize(json, type, options.SerializerOptions);
}
