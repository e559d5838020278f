using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterFunctions.Durable;

/// <summary>Settings shared by the client and the worker.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The task hub name reported by the HTTP API (Durable Functions' hubName).</summary>
    public string TaskHubName { get; set; } = "ClusterFunctions";

    /// <summary>Route prefix of the HTTP management API (Durable Functions' webhook path).</summary>
    public string HttpApiPrefix { get; set; } = "/runtime/webhooks/durabletask";

    /// <summary>Connection name reported in management URLs (Durable Functions' connection query value).</summary>
    public string HttpConnectionName { get; set; } = "Storage";

    /// <summary>When set, every management request must carry it as <c>code</c>; it is appended to generated URLs.</summary>
    public string? HttpSystemKey { get; set; }

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
