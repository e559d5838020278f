using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Host.Functions;
using ClusterFunctions.Host.Worker;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ClusterFunctions.Host.ServiceBus;

/// <summary>
/// One received message, run as its function's trigger value: a JSON envelope of the message (what the stand-in's
/// converter turns back into a ServiceBusReceivedMessage) and the usual trigger metadata.
/// </summary>
internal sealed class ServiceBusFunctionCall : FunctionCall
{
    private readonly string _functionName;
    private readonly Dictionary<string, TypedData> _metadata;

    public ServiceBusFunctionCall(string functionName, ServiceBusReceivedMessage message)
    {
        _functionName = functionName;
        var properties = new JsonObject();
        foreach ((string key, object value) in message.ApplicationProperties)
        {
            properties[key] = value switch
            {
                string text => text,
                bool flag => flag,
                int or long or short or byte => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        var envelope = new JsonObject
        {
            ["body"] = Convert.ToBase64String(message.Body.ToArray()),
            ["messageId"] = message.MessageId,
            ["sessionId"] = message.SessionId,
            ["correlationId"] = message.CorrelationId,
            ["subject"] = message.Subject,
            ["to"] = message.To,
            ["contentType"] = message.ContentType,
            ["replyTo"] = message.ReplyTo,
            ["lockToken"] = message.LockToken,
            ["deliveryCount"] = message.DeliveryCount,
            ["sequenceNumber"] = message.SequenceNumber,
            ["enqueuedTime"] = message.EnqueuedTime,
            ["applicationProperties"] = properties,
        };
        TriggerData = new TypedData { Json = envelope.ToJsonString() };
        _metadata = new Dictionary<string, TypedData>(StringComparer.OrdinalIgnoreCase)
        {
            ["MessageId"] = new() { String = message.MessageId ?? "" },
            ["DeliveryCount"] = new() { String = message.DeliveryCount.ToString(CultureInfo.InvariantCulture) },
            ["SequenceNumber"] = new() { String = message.SequenceNumber.ToString(CultureInfo.InvariantCulture) },
            ["LockToken"] = new() { String = message.LockToken },
            ["ContentType"] = new() { String = message.ContentType ?? "" },
            ["Subject"] = new() { String = message.Subject ?? "" },
            ["CorrelationId"] = new() { String = message.CorrelationId ?? "" },
            ["ApplicationProperties"] = new() { Json = properties.ToJsonString() },
        };
        TraceParentValue = message.ApplicationProperties.TryGetValue("traceparent", out object? parent) ? parent as string
            : message.ApplicationProperties.TryGetValue("Diagnostic-Id", out object? id) ? id as string : null;
    }

    public override TypedData TriggerData { get; }

    public override IReadOnlyDictionary<string, TypedData> TriggerMetadata => _metadata;

    public override string? TraceParent => TraceParentValue;

    private string? TraceParentValue { get; }

    public override async Task RunAsync(RunningWorker worker, string invocationId, Func<Task<InvocationResponse>> invoke) =>
        InvocationResults.ThrowIfFailed(_functionName, await invoke());
}
