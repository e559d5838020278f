using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterFunctions.Core.Events;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace ClusterFunctions.Messaging.Events;

/// <summary>Builds and encodes completion events as CloudEvents 1.0 in structured JSON mode.</summary>
public static class ClusterCloudEvents
{
    /// <summary>The content type of a structured-mode JSON CloudEvent.</summary>
    public const string StructuredContentType = "application/cloudevents+json; charset=utf-8";

    static readonly string[] KnownTypes = [ClusterEventTypes.Ready, ClusterEventTypes.Failed, ClusterEventTypes.Deleted, ClusterEventTypes.StepProgressed, ClusterEventTypes.Expiring, ClusterEventTypes.Upgraded, ClusterEventTypes.UpgradeFailed, ClusterEventTypes.Drifted, ClusterEventTypes.Repaired];

    /// <summary>How the data record is written: camelCase, enums as strings, nulls left out.</summary>
    internal static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    static readonly JsonEventFormatter Formatter = new(DataOptions, new JsonDocumentOptions());

    /// <summary>
    /// A CloudEvent for the data. The id is derived from request, type and progress, so publishing the
    /// same event twice (a retried activity) yields the same id and subscribers can drop the repeat.
    /// </summary>
    public static CloudEvent Create(string eventType, ClusterEventData data, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!KnownTypes.Contains(eventType, StringComparer.Ordinal))
        {
            throw new ArgumentException($"eventType: '{eventType}' is not one of {string.Join(", ", KnownTypes)}", nameof(eventType));
        }

        ArgumentException.ThrowIfNullOrEmpty(data.ClusterName, nameof(data.ClusterName));
        var safe = data with { Endpoints = EndpointRedaction.Redact(data.Endpoints) };
        return new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = DeterministicId(eventType, safe),
            Type = eventType,
            Source = new Uri(ClusterEventTypes.Source, UriKind.RelativeOrAbsolute),
            Subject = data.ClusterName,
            Time = time,
            DataContentType = MediaTypeNames.Application.Json,
            Data = safe,
        };
    }

    /// <summary>The event as structured-mode JSON bytes.</summary>
    public static ReadOnlyMemory<byte> Encode(CloudEvent cloudEvent) => Formatter.EncodeStructuredModeMessage(cloudEvent, out _);

    /// <summary>Decodes structured-mode JSON (what subscribers do); the data stays a JsonElement.</summary>
    public static CloudEvent Decode(ReadOnlyMemory<byte> body) => Formatter.DecodeStructuredModeMessage(body, null, null);

    /// <summary>Reads the data of a decoded event back into the contract record.</summary>
    public static ClusterEventData? ReadData(CloudEvent cloudEvent) =>
        cloudEvent.Data is JsonElement element ? element.Deserialize<ClusterEventData>(DataOptions) : cloudEvent.Data as ClusterEventData;

    /// <summary>The id the event for this data gets; the same for a resend, so a build can record what it emitted.</summary>
    public static string IdFor(string eventType, ClusterEventData data) => DeterministicId(eventType, data);

    static string DeterministicId(string eventType, ClusterEventData data)
    {
        var last = data.Steps.Count == 0 ? "" : $"{data.Steps[^1].Name}:{data.Steps[^1].State}";
        // An extended cluster warns again for its new expiry: that warning is a new event, not a repeat.
        var expiry = data.ExpiresAt is { } at ? $"|{at.UtcDateTime:O}" : "";
        // Each drift reconcile finds is its own event, also when the same objects drift again later.
        var drift = data.CheckedAt is { } checkedAt ? $"|{checkedAt.UtcDateTime:O}|{string.Join(';', data.Drift ?? [])}" : "";
        // Each upgrade of a cluster is its own event, even when its steps look alike.
        var upgrade = data.PreviousProfileVersion is { } from ? $"|{from}>{data.ProfileVersion}" : "";
        var key = $"{data.RequestId}|{eventType}|{data.Steps.Count}|{last}{expiry}{drift}{upgrade}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return new Guid(hash.AsSpan(0, 16)).ToString("N");
    }
}
