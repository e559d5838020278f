using System.Net;
using System.Net.Http.Headers;
using ClusterFunctions.Functions.Hosting;

namespace ClusterFunctions.Functions.Tests;

public class EntraIdAuthenticationTests
{
    private const string Audience = "api://clusterfunctions";

    private static async Task<HttpStatusCode> CallAsync(RunningApp app, string? token, string path = "api/profiles")
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return (await http.GetAsync(path)).StatusCode;
    }

    [Fact]
    public async Task BearerToken_IsAcceptedOnlyWhenIssuerAudienceSignatureAndLifetimeAreRight()
    {
        await using var idp = await LoopbackIdentityProvider.StartAsync();
        var state = Directory.CreateTempSubdirectory("cf-entra-");
        await using var app = await TestApps.StartAsync(TestApps.Settings(state.FullName, new Dictionary<string, string?>
        {
            ["Auth:EntraId:Authority"] = idp.Issuer,
            ["Auth:EntraId:Audience"] = Audience,
            ["Auth:EntraId:RequireHttpsMetadata"] = "false",
        }));

        Assert.Equal(HttpStatusCode.OK, await CallAsync(app, idp.Token(Audience, ["platform"])));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(app, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(app, idp.Token("api://someone-else", ["platform"])));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(app, idp.Token(Audience, ["platform"], issuer: "https://login.example/evil")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(app, idp.Token(Audience, ["platform"], expires: DateTime.UtcNow.AddHours(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(app, idp.Token(Audience, ["platform"], foreignKey: true)));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(app, "not-a-jwt"));
    }
}
