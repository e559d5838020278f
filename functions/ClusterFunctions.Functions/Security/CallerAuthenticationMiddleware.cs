using System.Globalization;
using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Triggers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ClusterFunctions.Functions.Security;

/// <summary>
/// Every HTTP function but the health probes needs a caller: a function key of the app's own (with its roles) or,
/// when configured, an Entra ID token. The caller becomes <c>HttpContext.User</c>; a caller over its request rate
/// gets 429. The Functions host's own keys are not used for these routes (their level is anonymous): a host key
/// carries no roles, and roles decide who may build what.
/// </summary>
public sealed class CallerAuthenticationMiddleware(CallerSchemes schemes, CallerRateLimiter limiter) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        HttpContext? http = context.GetHttpContext();
        // The catalog webhook is GitHub's, which holds no key: it proves itself with the body's signature instead.
        if (http is null || Hosting.HealthFunctions.Names.Contains(context.FunctionDefinition.Name) || context.FunctionDefinition.Name == nameof(CatalogWebhookHttpTrigger))
        {
            await next(context);
            return;
        }

        foreach (string scheme in schemes.Names)
        {
            AuthenticateResult result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                http.User = result.Principal;
                break;
            }
        }

        if (http.User.Identity?.IsAuthenticated != true)
        {
            await HttpProblems.Error(StatusCodes.Status401Unauthorized,
                "a caller is required: pass a function key in the x-functions-key header (./cluster: --key or CLUSTERFUNCTIONS_KEY) or an Entra ID bearer token")
                .ExecuteAsync(http);
            return;
        }

        if (!limiter.TryAcquire(http.User.Identity.Name ?? "unknown", out TimeSpan retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await HttpProblems.Error(StatusCodes.Status429TooManyRequests, "too many requests from this caller; retry after the Retry-After header").ExecuteAsync(http);
            return;
        }

        await next(context);
    }
}
