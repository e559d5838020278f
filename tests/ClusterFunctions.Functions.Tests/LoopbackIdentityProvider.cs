using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// An OpenID Connect provider on loopback, as Entra ID appears to the app: a discovery document, a
/// signing key set, and tokens signed with that key (or, to test refusal, with another one).
/// </summary>
public sealed class LoopbackIdentityProvider : IAsyncDisposable
{
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "loopback-1" };
    private readonly WebApplication app;

    private LoopbackIdentityProvider(WebApplication app) => this.app = app;

    public string Issuer { get; private set; } = "";

    public static async Task<LoopbackIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var provider = new LoopbackIdentityProvider(builder.Build());
        provider.app.MapGet("/.well-known/openid-configuration", () => Results.Json(new { issuer = provider.Issuer, jwks_uri = $"{provider.Issuer}/keys" }));
        provider.app.MapGet("/keys", () => Results.Content(JsonSerializer.Serialize(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(provider.key) } }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }), "application/json"));
        await provider.app.StartAsync();
        provider.Issuer = provider.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    public string Token(string audience, string[] roles, string? issuer = null, DateTime? expires = null, bool foreignKey = false)
    {
        var signing = foreignKey ? new RsaSecurityKey(RSA.Create(2048)) { KeyId = key.KeyId } : key;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            NotBefore = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            IssuedAt = (expires ?? now.AddHours(1)) < now ? now.AddHours(-2) : now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("preferred_username", "erin@contoso.example"), .. roles.Select(r => new Claim("roles", r))]),
            SigningCredentials = new SigningCredentials(signing, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
