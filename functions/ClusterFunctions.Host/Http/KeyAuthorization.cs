using ClusterFunctions.Host.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.Host.Http;

/// <summary>
/// Function keys as Azure checks them: the key comes in the <c>x-functions-key</c> header or the <c>code</c> query
/// parameter; <c>function</c> level takes a function key or the master key, <c>admin</c> only the master key, and the
/// Durable management API only its system key.
/// </summary>
internal sealed class KeyAuthorization(HostKeys keys)
{
    public bool Allows(HttpContext context, string? authLevel)
    {
        string? presented = Presented(context);
        return (authLevel ?? "function").ToLowerInvariant() switch
        {
            "anonymous" => true,
            "admin" => HostKeys.Matches(presented, keys.MasterKey),
            "system" => HostKeys.Matches(presented, keys.DurableSystemKey),
            _ => HostKeys.Matches(presented, keys.DefaultFunctionKey) || HostKeys.Matches(presented, keys.MasterKey),
        };
    }

    private static string? Presented(HttpContext context) =>
        context.Request.Headers.TryGetValue("x-functions-key", out var header) && header.Count > 0
            ? header.ToString()
            : context.Request.Query.TryGetValue("code", out var code) ? code.ToString() : null;
}
