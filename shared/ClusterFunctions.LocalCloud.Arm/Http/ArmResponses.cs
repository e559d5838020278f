using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>Writes ARM-shaped JSON responses and errors.</summary>
internal static class ArmResponses
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(Compact), context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, ArmError error, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.Headers["x-ms-failure-cause"] = error.Status >= 500 ? "service" : "gateway";
        var inner = new JsonObject { ["code"] = error.Code, ["message"] = error.Message };
        if (error.Target is not null)
        {
            inner["target"] = error.Target;
        }

        return JsonAsync(context, error.Status, new JsonObject { ["error"] = inner });
    }

    public static Task EmptyAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
