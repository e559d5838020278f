using ClusterFunctions.Durable.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterFunctions.Durable.Http;

/// <summary>Maps Durable Functions' HTTP management API (same routes, status codes, headers and JSON).</summary>
public static class DurableTaskHttpApi
{
    /// <summary>Maps the API under <see cref="DurableTaskOptions.HttpApiPrefix"/>.</summary>
    public static RouteGroupBuilder MapDurableTaskHttpApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var client = endpoints.ServiceProvider.GetRequiredService<DurableTaskClient>();
        var group = endpoints.MapGroup(client.Options.HttpApiPrefix);
        group.AddEndpointFilter(async (context, next) =>
        {
            var key = client.Options.HttpSystemKey;
            if (key is not null && context.HttpContext.Request.Query["code"] != key)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: "The 'code' query parameter must carry the system key.");
            }

            return await next(context);
        });
        group.MapPost("/orchestrators/{functionName}/{instanceId?}", HttpApiHandlers.StartAsync);
        group.MapGet("/instances/{instanceId}", HttpApiHandlers.GetStatusAsync);
        group.MapGet("/instances", HttpApiHandlers.ListAsync);
        group.MapDelete("/instances/{instanceId}", HttpApiHandlers.PurgeAsync);
        group.MapDelete("/instances", HttpApiHandlers.PurgeManyAsync);
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", HttpApiHandlers.RaiseEventAsync);
        group.MapPost("/instances/{instanceId}/terminate", HttpApiHandlers.TerminateAsync);
        group.MapPost("/instances/{instanceId}/suspend", HttpApiHandlers.SuspendAsync);
        group.MapPost("/instances/{instanceId}/resume", HttpApiHandlers.ResumeAsync);
        group.MapPost("/instances/{instanceId}/restart", HttpApiHandlers.RestartAsync);
        return group;
    }
}
