using System.Text.Json.Serialization;

namespace ClusterFunctions.Durable.Http;

/// <summary>The check-status payload: the management URLs of one instance, with Durable Functions' JSON names.</summary>
public sealed record HttpManagementPayload
{
    /// <summary>The instance ID.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>GET for status.</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public required string StatusQueryGetUri { get; init; }

    /// <summary>POST to raise an event (replace {eventName}).</summary>
    [JsonPropertyName("sendEventPostUri")]
    public required string SendEventPostUri { get; init; }

    /// <summary>POST to terminate (replace {text}).</summary>
    [JsonPropertyName("terminatePostUri")]
    public required string TerminatePostUri { get; init; }

    /// <summary>DELETE to purge history.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>POST to restart.</summary>
    [JsonPropertyName("restartPostUri")]
    public required string RestartPostUri { get; init; }

    /// <summary>POST to suspend (replace {text}).</summary>
    [JsonPropertyName("suspendPostUri")]
    public required string SuspendPostUri { get; init; }

    /// <summary>POST to resume (replace {text}).</summary>
    [JsonPropertyName("resumePostUri")]
    public required string ResumePostUri { get; init; }
}
