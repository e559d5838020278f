using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Azure.WebJobs;

namespace ClusterFunctions.Host.Http;

/// <summary>
/// <c>/runtime/webhooks/durabletask/...</c>, answered by the Durable extension's own handler as on Azure, and guarded
/// the same way: only the <c>durabletask_extension</c> system key opens it. Function keys do not: the management API
/// starts, signals and purges any instance, past whatever rules the app's own routes apply.
/// </summary>
internal sealed class DurableManagementEndpoint(IAsyncConverter<HttpRequestMessage, HttpResponseMessage> managementApi, KeyAuthorization keys)
{
    public const string BasePath = "/runtime/webhooks/durabletask";

    public async Task HandleAsync(HttpContext context)
    {
        if (!keys.Allows(context, "system"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "the Durable management API takes the durabletask_extension system key (x-functions-key header or code query parameter)" });
            return;
        }

        using HttpRequestMessage request = HttpForwarding.ToMessage(context.Request, new Uri(context.Request.GetEncodedUrl()));
        using HttpResponseMessage response = await managementApi.ConvertAsync(request, context.RequestAborted);
        await HttpForwarding.CopyAsync(response, context.Response, context.RequestAborted);
    }
}
