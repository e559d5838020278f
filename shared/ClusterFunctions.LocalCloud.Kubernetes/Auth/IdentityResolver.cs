using ClusterFunctions.LocalCloud.Kubernetes.Http;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Auth;

/// <summary>
/// Authenticates a request by its bearer token (the admin's, or one mapped in the options); then applies impersonation headers (Impersonate-User / Impersonate-Group, as kubectl --as
/// sends them), which the caller must be allowed to use.
/// </summary>
internal sealed class IdentityResolver(KubernetesEmulatorOptions options, string adminToken, RbacAuthorizer authorizer)
{
    public EmulatorIdentity Resolve(HttpRequest request)
    {
        // No credentials, or credentials nobody issued, are 401 as on AKS. (A request without a token used to run as
        // the administrator: anything on the machine could rewrite the locked RBAC.)
        var authorization = request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        EmulatorIdentity? caller = null;
        if (token.Length == 0 || (!FixedTimeEquals(token, adminToken) && !options.BearerTokens.TryGetValue(token, out caller)))
        {
            throw new ApiException(401, StatusErrors.Status(401, "Unauthorized", "Unauthorized"));
        }

        caller ??= options.DefaultIdentity;

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

    private static bool FixedTimeEquals(string presented, string expected) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));
}
