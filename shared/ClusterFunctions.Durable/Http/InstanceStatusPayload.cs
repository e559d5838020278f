using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Http;

/// <summary>Builds the status body of Durable Functions' HTTP API (name, instanceId, runtimeStatus, ...).</summary>
internal static class InstanceStatusPayload
{
    public static JsonObject Create(OrchestrationMetadata metadata, bool showInput, IList<HistoryEvent>? history, bool showHistoryOutput)
    {
        var body = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["input"] = showInput ? Parse(metadata.SerializedInput) : null,
            ["customStatus"] = Parse(metadata.SerializedCustomStatus),
            ["output"] = metadata.FailureDetails is { } failure ? JsonValue.Create(failure.ErrorMessage) : Parse(metadata.SerializedOutput),
            ["createdTime"] = Time(metadata.CreatedAt.UtcDateTime),
            ["lastUpdatedTime"] = Time(metadata.LastUpdatedAt.UtcDateTime),
        };
        if (metadata.FailureDetails is { } details)
        {
            body["failureDetails"] = new JsonObject { ["errorType"] = details.ErrorType, ["errorMessage"] = details.ErrorMessage };
        }

        if (history is not null)
        {
            body["historyEvents"] = new JsonArray([.. history
                .Where(e => e.EventType is not (EventType.OrchestratorStarted or EventType.OrchestratorCompleted))
                .Select(e => (JsonNode)HistoryItem(e, showHistoryOutput))]);
        }

        return body;
    }

    private static JsonObject HistoryItem(HistoryEvent e, bool showOutput)
    {
        var item = new JsonObject { ["EventType"] = e.EventType.ToString(), ["Timestamp"] = Time(e.Timestamp) };
        if (e.Name is not null)
        {
            item["FunctionName"] = e.Name;
        }

        if (e.EventId >= 0)
        {
            item["EventId"] = e.EventId;
        }

        if (e.TaskScheduledId >= 0)
        {
            item["TaskScheduledId"] = e.TaskScheduledId;
        }

        if (e.FireAt is { } fireAt)
        {
            item["FireAt"] = Time(fireAt);
        }

        if (e.OrchestrationStatus is { } status)
        {
            item["OrchestrationStatus"] = status.ToString();
        }

        if (e.FailureDetails is { } failure)
        {
            item["Reason"] = failure.ErrorMessage;
            item["ErrorType"] = failure.ErrorType;
        }

        if (showOutput && (e.Result ?? (e.EventType is EventType.ExecutionStarted or EventType.EventRaised ? e.Input : null)) is { } payload)
        {
            item[e.Result is null ? "Input" : "Result"] = Parse(payload);
        }

        return item;
    }

    private static JsonNode? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
