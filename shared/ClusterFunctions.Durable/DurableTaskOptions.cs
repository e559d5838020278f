using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterFunctions.Durable;

/// <summary>Settings shared by the client and the worker.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The task hub name reported by the HTTP API (Durable Functions' hubName).</summary>
    public string TaskHubName { get; set; } = "ClusterFunctions";

    /// <summary>Largest serialized input, output, event payload or custom status accepted (default 1 MiB, as DTS).</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>How often a waiting client re-reads an instance that another process may change.</summary>
    public TimeSpan ClientPollingInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>JSON settings for user payloads (web defaults: camelCase, case-insensitive reads).</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
