using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Security;

/// <summary>Registers authentication (function keys and, when configured, Entra ID bearer tokens) and the per-caller rate limit.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddClusterFunctionsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Configure<IConfiguration>((o, c) => AuthSettings.Bind(c.GetSection("Auth"), o)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthSettingsValidator>();
        services.AddSingleton<IOptionsChangeTokenSource<AuthOptions>>(new ConfigurationChangeTokenSource<AuthOptions>(configuration.GetSection("Auth")));
        var bound = new AuthOptions();
        AuthSettings.Bind(configuration.GetSection("Auth"), bound);
        var entra = bound.EntraId;
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
