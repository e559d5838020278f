using ClusterFunctions.Host.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.Host.ServiceBus;

/// <summary>
/// <c>POST /admin/servicebus/messages/{lockToken}/{complete|abandon|deadletter}</c>: the worker's
/// ServiceBusMessageActions settling a message its function is running for. Only the key this host gave its own
/// worker opens it.
/// </summary>
internal sealed class SettlementEndpoint(MessageSettlements settlements, string key)
{
    public const string BasePath = "/admin/servicebus/messages";

    /// <summary>The worker settings that carry the address and the key (the stand-in's ServiceBusMessageActions reads them).</summary>
    public const string UrlSetting = "ClusterFunctionsHost:ServiceBusSettlementUrl";

    /// <inheritdoc cref="UrlSetting"/>
    public const string KeySetting = "ClusterFunctionsHost:ServiceBusSettlementKey";

    public async Task HandleAsync(HttpContext context, string lockToken, string action)
    {
        if (!HostKeys.Matches(context.Request.Headers["x-functions-key"].ToString(), key))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Settlement? body = context.Request.HasJsonContentType() ? await context.Request.ReadFromJsonAsync<Settlement>(context.RequestAborted) : null;
        try
        {
            bool settled = await settlements.SettleAsync(lockToken, action, body?.Reason, body?.Description, context.RequestAborted);
            context.Response.StatusCode = settled ? StatusCodes.Status204NoContent : StatusCodes.Status404NotFound;
        }
        catch (ArgumentException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(e.Message, context.RequestAborted);
        }
        catch (Azure.Messaging.ServiceBus.ServiceBusException e)
        {
            context.Response.StatusCode = StatusCodes.Status409Conflict;
            await context.Response.WriteAsync(e.Message, context.RequestAborted);
        }
    }

    private sealed record Settlement(string? Reason, string? Description);
}
