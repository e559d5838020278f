using System.Text.Json;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Worker.Extensions.ServiceBus;

/// <summary>
/// The trigger value the host sends: a JSON object with the message's body (base64), its system properties and its
/// application properties. The host writes it (functions/ClusterFunctions.Host/ServiceBus); this reads it.
/// </summary>
public static class ServiceBusMessageEnvelope
{
    public static ServiceBusReceivedMessage Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        if (root.TryGetProperty("applicationProperties", out JsonElement application))
        {
            foreach (JsonProperty property in application.EnumerateObject())
            {
                properties[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when property.Value.TryGetInt64(out long whole) => whole,
                    JsonValueKind.Number => property.Value.GetDouble(),
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromBytes(Convert.FromBase64String(Text("body") ?? "")),
            messageId: Text("messageId"),
            sessionId: Text("sessionId"),
            correlationId: Text("correlationId"),
            subject: Text("subject"),
            to: Text("to"),
            contentType: Text("contentType"),
            replyTo: Text("replyTo"),
            properties: properties,
            lockTokenGuid: Guid.TryParse(Text("lockToken"), out Guid lockToken) ? lockToken : Guid.Empty,
            deliveryCount: root.TryGetProperty("deliveryCount", out JsonElement count) ? count.GetInt32() : 1,
            sequenceNumber: root.TryGetProperty("sequenceNumber", out JsonElement sequence) ? sequence.GetInt64() : -1,
            enqueuedTime: root.TryGetProperty("enqueuedTime", out JsonElement enqueued) ? enqueued.GetDateTimeOffset() : default);
    }
}
