using System.Globalization;
using System.Text.Json;
using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.Durable.Http;

/// <summary>The request handlers behind <see cref="DurableTaskHttpApi"/>.</summary>
internal static class HttpApiHandlers
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    public static async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, string functionName, string? instanceId)
    {
        var (input, error) = await ReadJsonBodyAsync(request, requireJsonContentType: false);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(
                functionName, input, new StartOrchestrationOptions(instanceId), request.HttpContext.RequestAborted);
            return client.CreateCheckStatusResponse(request, id);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: ex.Message);
        }
        catch (Exception ex) when (ex is ArgumentException or PayloadTooLargeException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
        }
    }

    public static async Task<IResult> GetStatusAsync(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var query = request.Query;
        var showInput = Flag(query, "showInput", defaultValue: true);
        var showHistory = Flag(query, "showHistory", defaultValue: false);
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, request.HttpContext.RequestAborted);
        if (metadata is null)
        {
            return Results.NotFound();
        }

        var history = showHistory ? await client.GetOrchestrationHistoryAsync(instanceId, request.HttpContext.RequestAborted) : null;
        var body = InstanceStatusPayload.Create(metadata, showInput, history, Flag(query, "showHistoryOutput", defaultValue: false));
        return metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended
                or OrchestrationRuntimeStatus.ContinuedAsNew => new JsonWithHeadersResult(
                    body, StatusCodes.Status202Accepted, ("Location", $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}"), ("Retry-After", "5")),
            OrchestrationRuntimeStatus.Failed when Flag(query, "returnInternalServerErrorOnFailure", defaultValue: false) =>
                new JsonWithHeadersResult(body, StatusCodes.Status500InternalServerError),
            _ => new JsonWithHeadersResult(body, StatusCodes.Status200OK),
        };
    }

    public static async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client)
    {
        var (filter, error) = ParseFilter(request.Query);
        if (error is not null)
        {
            return error;
        }

        var top = 100;
        if (request.Query.TryGetValue("top", out var topText) && (!int.TryParse(topText, CultureInfo.InvariantCulture, out top) || top is < 1 or > 1000))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The 'top' query parameter must be a whole number from 1 to 1000.");
        }

        var token = request.Headers[ContinuationHeader].ToString();
        var page = await client.QueryInstancesAsync(
            new OrchestrationQuery(
                filter.CreatedFrom,
                filter.CreatedTo,
                filter.Statuses,
                request.Query["instanceIdPrefix"].ToString() is { Length: > 0 } prefix ? prefix : null,
                top,
                FetchInputsAndOutputs: true,
                ContinuationToken: string.IsNullOrEmpty(token) ? null : token),
            request.HttpContext.RequestAborted);
        var showInput = Flag(request.Query, "showInput", defaultValue: false);
        var body = new System.Text.Json.Nodes.JsonArray([.. page.Instances.Select(m => (System.Text.Json.Nodes.JsonNode)InstanceStatusPayload.Create(m, showInput, null, false))]);
        return page.ContinuationToken is { } next
            ? new JsonWithHeadersResult(body, StatusCodes.Status200OK, (ContinuationHeader, next))
            : new JsonWithHeadersResult(body, StatusCodes.Status200OK);
    }

    public static async Task<IResult> PurgeAsync(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var result = await client.PurgeInstanceAsync(instanceId, null, request.HttpContext.RequestAborted);
        return result.PurgedInstanceCount == 0 ? Results.NotFound() : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    public static async Task<IResult> PurgeManyAsync(HttpRequest request, DurableTaskClient client)
    {
        var (filter, error) = ParseFilter(request.Query);
        if (error is not null)
        {
            return error;
        }

        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses), request.HttpContext.RequestAborted);
        return result.PurgedInstanceCount == 0 ? Results.NotFound() : Results.Json(new { instancesDeleted = result.PurgedInstanceCount });
    }

    public static async Task<IResult> RaiseEventAsync(HttpRequest request, DurableTaskClient client, string instanceId, string eventName)
    {
        var (payload, error) = await ReadJsonBodyAsync(request, requireJsonContentType: true);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var json = client.Converter.Serialize(payload, $"payload of event '{eventName}'");
            return Outcome(await client.SendAsync(instanceId, new HistoryEvent { EventType = EventType.EventRaised, Name = eventName, Input = json }, request.HttpContext.RequestAborted));
        }
        catch (PayloadTooLargeException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
        }
    }

    public static async Task<IResult> TerminateAsync(HttpRequest request, DurableTaskClient client, string instanceId) =>
        Outcome(await client.SendAsync(
            instanceId,
            new HistoryEvent { EventType = EventType.ExecutionTerminated, Input = JsonSerializer.Serialize(request.Query["reason"].ToString()) },
            request.HttpContext.RequestAborted));

    public static async Task<IResult> SuspendAsync(HttpRequest request, DurableTaskClient client, string instanceId) =>
        Outcome(await client.SendAsync(
            instanceId, new HistoryEvent { EventType = EventType.ExecutionSuspended, Input = request.Query["reason"].ToString() }, request.HttpContext.RequestAborted));

    public static async Task<IResult> ResumeAsync(HttpRequest request, DurableTaskClient client, string instanceId) =>
        Outcome(await client.SendAsync(
            instanceId, new HistoryEvent { EventType = EventType.ExecutionResumed, Input = request.Query["reason"].ToString() }, request.HttpContext.RequestAborted));

    public static async Task<IResult> RestartAsync(HttpRequest request, DurableTaskClient client, string instanceId)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken: request.HttpContext.RequestAborted);
        if (existing is null)
        {
            return Results.NotFound();
        }

        try
        {
            var id = await client.RestartAsync(instanceId, Flag(request.Query, "restartWithNewInstanceId", defaultValue: true), request.HttpContext.RequestAborted);
            return client.CreateCheckStatusResponse(request, id);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: ex.Message);
        }
    }

    private static IResult Outcome(SendEventResult result) => result switch
    {
        SendEventResult.Sent => Results.StatusCode(StatusCodes.Status202Accepted),
        SendEventResult.NotFound => Results.NotFound(),
        _ => Results.StatusCode(StatusCodes.Status410Gone),
    };

    private static async Task<(JsonElement? Body, IResult? Error)> ReadJsonBodyAsync(HttpRequest request, bool requireJsonContentType)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        if (requireJsonContentType && request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "The request body must be JSON with Content-Type application/json."));
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"The request body is not valid JSON: {ex.Message}"));
        }
    }

    private static (PurgeInstancesFilter Filter, IResult? Error) ParseFilter(IQueryCollection query)
    {
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        List<OrchestrationRuntimeStatus>? statuses = null;
        foreach (var (name, assign) in new (string, Action<DateTimeOffset>)[] { ("createdTimeFrom", v => from = v), ("createdTimeTo", v => to = v) })
        {
            if (query[name].ToString() is { Length: > 0 } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                {
                    return (new PurgeInstancesFilter(), Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"The '{name}' query parameter must be an ISO 8601 date-time."));
                }

                assign(value);
            }
        }

        foreach (var part in query["runtimeStatus"].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || int.TryParse(part, out _))
            {
                return (new PurgeInstancesFilter(), Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    detail: $"The 'runtimeStatus' query parameter has an unknown status '{part}'; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."));
            }

            (statuses ??= []).Add(status);
        }

        return (new PurgeInstancesFilter(from, to, statuses), null);
    }

    private static bool Flag(IQueryCollection query, string name, bool defaultValue) =>
        query[name].ToString() is { Length: > 0 } text ? bool.TryParse(text, out var value) ? value : defaultValue : defaultValue;
}
