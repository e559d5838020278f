using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ClusterFunctions.Functions.Security;

/// <summary>Registers authentication (function keys and, when configured, Entra ID bearer tokens) and the per-caller rate limit.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddClusterFunctionsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        var entra = configuration.GetSection("Auth:EntraId").Get<EntraIdOptions>() ?? new EntraIdOptions();
        var schemes = new List<string> { FunctionKeyAuthenticationHandler.SchemeName };
        var builder = services.AddAuthentication(FunctionKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, FunctionKeyAuthenticationHandler>(FunctionKeyAuthenticationHandler.SchemeName, null);
        if (entra.Authority.Length > 0)
        {
            builder.AddJwtBearer(o =>
            {
                o.Authority = entra.Authority;
                o.Audience = entra.Audience;
                o.TokenValidationParameters.ValidateIssuer = true;
                o.TokenValidationParameters.ValidateAudience = true;
                o.RequireHttpsMetadata = entra.RequireHttpsMetadata;
                o.TokenValidationParameters.RoleClaimType = "roles";
                o.TokenValidationParameters.NameClaimType = "preferred_username";
                o.MapInboundClaims = false;
            });
            schemes.Add(JwtBearerDefaults.AuthenticationScheme);
        }

        services.AddSingleton(new CallerSchemes(schemes));
        services.AddSingleton<CallerRateLimiter>();
        return services;
    }
}
