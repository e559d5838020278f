using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.State;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>
/// The polling URLs of long-running operations: .../locations/{l}/operations/{id} (Azure-AsyncOperation,
/// a status body) and .../operationresults/{id} (Location: 202 while running, 204 when done).
/// </summary>
internal sealed class OperationsHandler(ArmState state, ArmEmulatorOptions options, ClusterLifecycle lifecycle)
{
    public async Task GetStatusAsync(HttpContext context, string operationId)
    {
        if (await FindAsync(context, operationId) is not { } operation)
        {
            return;
        }

        var body = new JsonObject
        {
            ["id"] = context.Request.Path.Value,
            ["name"] = operation.Id,
            ["status"] = operation.Status,
            ["startTime"] = operation.StartedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (operation.EndedAt is { } ended)
        {
            body["endTime"] = ended.ToString("O", CultureInfo.InvariantCulture);
        }

        if (operation.Status == "Failed" && operation.Failure is { } failure)
        {
            body["error"] = new JsonObject { ["code"] = failure.Code, ["message"] = failure.Message };
        }

        if (operation.Status == "InProgress")
        {
            context.Response.Headers.RetryAfter = options.PollRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        await ArmResponses.JsonAsync(context, 200, body);
    }

    public async Task GetResultAsync(HttpContext context, string operationId)
    {
        if (await FindAsync(context, operationId) is not { } operation)
        {
            return;
        }

        switch (operation.Status)
        {
            case "InProgress":
                context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
                context.Response.Headers.RetryAfter = options.PollRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await ArmResponses.EmptyAsync(context, 202);
                break;
            case "Failed" when operation.Failure is { } failure:
                await ArmResponses.ErrorAsync(context, new ArmError(400, failure.Code, failure.Message));
                break;
            default:
                await ArmResponses.EmptyAsync(context, 204);
                break;
        }
    }

    private async Task<EmulatedOperation?> FindAsync(HttpContext context, string operationId)
    {
        if (!state.Operations.TryGetValue(operationId, out var operation))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(404, "NotFound", $"Operation '{operationId}' was not found."));
            return null;
        }

        await lifecycle.AdvanceAsync(operation, context.RequestAborted);
        return operation;
    }
}
