using System.Security.Claims;

namespace ClusterFunctions.Functions.Security;

/// <summary>Who is asking: the authenticated name and the roles or groups that profiles' requesters are matched against.</summary>
public sealed record Caller(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>From an HTTP caller: function-key roles, or an Entra ID token's "roles" and "groups" claims.</summary>
    public static Caller From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? user.FindFirst("preferred_username")?.Value ?? user.FindFirst("oid")?.Value ?? "unknown",
        user.Claims.Where(c => c.Type is ClaimTypes.Role or "roles" or "groups").Select(c => c.Value).Distinct().ToList());

    /// <summary>From a queue message: the sender sets "requestedBy" and "roles"; the queue's send rights are the trust boundary.</summary>
    public static Caller From(IReadOnlyDictionary<string, object> properties) => new(
        properties.TryGetValue("requestedBy", out var name) && name is string n && n.Length > 0 ? n : "queue",
        properties.TryGetValue("roles", out var roles) && roles is string r ? r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : []);
}
