using ClusterFunctions.Host.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Http;

/// <summary>
/// Maps each HTTP-triggered function's route (host.json <c>routePrefix</c> + the trigger's <c>route</c>, or the
/// function name) and methods, checks its key level, and runs it through the engine so its Durable client is bound.
/// </summary>
internal sealed class HttpTriggerEndpoints(IJobHost engine, KeyAuthorization keys, HttpClient workerClient, ILogger log)
{
    public void Map(IEndpointRouteBuilder routes, string routePrefix, IEnumerable<HostedFunction> functions)
    {
        foreach (HostedFunction function in functions.Where(f => string.Equals(f.Trigger.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            string route = function.Trigger.Property("route") ?? function.Name;
            string pattern = "/" + string.Join('/', new[] { routePrefix, route.Trim('/') }.Where(p => p.Length > 0));
            IReadOnlyList<string> methods = function.Trigger.ArrayProperty("methods");
            string? authLevel = function.Trigger.Property("authLevel");
            RequestDelegate handler = context => InvokeAsync(context, function, authLevel);
            IEndpointConventionBuilder endpoint = methods.Count == 0
                ? routes.Map(pattern, handler)
                : routes.MapMethods(pattern, methods.Select(m => m.ToUpperInvariant()), handler);
            endpoint.WithDisplayName(function.Name);
            log.LogInformation("{FunctionName}: [{Methods}] {Pattern} ({AuthLevel})", function.Name,
                methods.Count == 0 ? "ALL" : string.Join(",", methods).ToUpperInvariant(), pattern, authLevel ?? "function");
        }
    }

    private async Task InvokeAsync(HttpContext context, HostedFunction function, string? authLevel)
    {
        if (!keys.Allows(context, authLevel))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var call = new HttpFunctionCall(context, workerClient);
        try
        {
            await engine.CallAsync(function.Name, new Dictionary<string, object?> { [FunctionTypeGenerator.CallParameter] = call }, context.RequestAborted);
        }
        catch (Exception e) when (e is FunctionInvocationException or Worker.WorkerProcessExitException)
        {
            log.LogError("{FunctionName} failed: {Reason}", function.Name, (e.InnerException ?? e).Message);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }
}
