using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Security;

/// <summary>
/// Authenticates a caller by function key (<c>x-functions-key</c> header or <c>code</c> query), as the
/// Functions host does. Keys are compared as SHA-256 digests in constant time, so neither timing nor
/// length tells an attacker how close a guess was.
/// </summary>
public sealed class FunctionKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FunctionKey";
    public const string HeaderName = "x-functions-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].FirstOrDefault() ?? Request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var (name, key) in auth.CurrentValue.Keys)
        {
            if (key.Value.Length > 0 && CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(key.Value))))
            {
                var claims = new List<Claim> { new(ClaimTypes.Name, $"key:{name}") };
                claims.AddRange(key.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
                var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("invalid function key"));
    }
}
