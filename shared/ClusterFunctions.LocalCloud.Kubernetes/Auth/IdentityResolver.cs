using ClusterFunctions.LocalCloud.Kubernetes.Http;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Auth;

/// <summary>
/// Authenticates a request: a bearer token mapped in the options, or the default admin when there
/// is none; then applies impersonation headers (Impersonate-User / Impersonate-Group, as kubectl --as
/// sends them), which the caller must be allowed to use.
/// </summary>
internal sealed class IdentityResolver(KubernetesEmulatorOptions options, RbacAuthorizer authorizer)
{
    public EmulatorIdentity Resolve(HttpRequest request)
    {
        var caller = options.DefaultIdentity;
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            if (token != options.AdminToken && !options.BearerTokens.TryGetValue(token, out caller!))
            {
                throw new ApiException(401, StatusErrors.Status(401, "Unauthorized", "Unauthorized"));
            }
        }

        var user = request.Headers["Impersonate-User"].ToString();
        if (user.Length == 0)
        {
            return caller;
        }

        var attributes = new ResourceAttributes("impersonate", "", "users", null, null, user);
        if (!authorizer.Authorize(caller, attributes).Allowed)
        {
            throw new ApiException(403, StatusErrors.Status(403, "Forbidden",
                $"users \"{user}\" is forbidden: {attributes.DenialMessage(caller.UserName)}"));
        }

        var groups = request.Headers["Impersonate-Group"].SelectMany(g => (g ?? "").Split(',')).Where(g => g.Length > 0).ToList();
        if (user.StartsWith("system:serviceaccount:", StringComparison.Ordinal))
        {
            var ns = user.Split(':')[2];
            groups.AddRange(["system:serviceaccounts", $"system:serviceaccounts:{ns}"]);
        }

        groups.Add("system:authenticated");
        return new EmulatorIdentity(user, groups.Distinct().ToList());
    }
}
