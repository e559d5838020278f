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

        using HttpRequestMessage request = ToMessage(context.Request);
        using HttpResponseMessage response = await managementApi.ConvertAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach ((string name, IEnumerable<string> values) in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            if (!string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (response.Content is not null)
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static HttpRequestMessage ToMessage(HttpRequest request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.GetEncodedUrl());
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        return message;
    }
}
