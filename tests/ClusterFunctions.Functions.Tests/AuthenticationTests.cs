using System.Net;

namespace ClusterFunctions.Functions.Tests;

public class AuthenticationTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    public static TheoryData<string, string> Routes => new()
    {
        { "POST", "api/clusters" },
        { "GET", "api/clusters" },
        { "GET", "api/clusters/any" },
        { "DELETE", "api/clusters/any" },
        { "POST", "api/plans" },
        { "GET", "api/profiles" },
        { "POST", "api/profiles/developer/upgrade" },
        { "GET", "api/profiles/developer/upgrade" },
        { "GET", "api/catalog" },
        { "GET", "api/schema" },
        { "GET", "api/ui" },
        { "GET", "api/clusters/any/kubeconfig" },
        { "GET", "runtime/webhooks/durabletask/instances" },
        { "GET", "runtime/webhooks/durabletask/instances/cluster-any" },
        { "POST", "runtime/webhooks/durabletask/instances/cluster-any/terminate" },
    };

    private async Task<HttpStatusCode> SendAsync(string method, string path, Action<HttpRequestMessage>? authenticate)
    {
        using var client = new HttpClient { BaseAddress = app.App.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST")
        {
            request.Content = new StringContent("{}");
        }

        authenticate?.Invoke(request);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithoutKey_Returns401(string method, string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(method, path, null));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Route_WithWrongKey_Returns401(string method, string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(method, path, r => r.Headers.Add("x-functions-key", app.FunctionKey + "x")));
    }

    [Fact]
    public async Task Route_WithKeyInCodeQuery_IsAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync("GET", $"api/profiles?code={Uri.EscapeDataString(app.FunctionKey)}", null));
    }

    [Fact]
    public async Task Route_WithKeyHeader_IsAccepted()
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync("GET", "api/profiles", r => r.Headers.Add("x-functions-key", app.FunctionKey)));
    }

    [Theory]
    [InlineData("api/health/live")]
    [InlineData("api/health/ready")]
    public async Task Health_NeedsNoKey(string path)
    {
        Assert.Equal(HttpStatusCode.OK, await SendAsync("GET", path, null));
    }

    [Fact]
    public async Task Key_WithRolesGivenAsAList_HasThoseRoles()
    {
        // The fixture gives the developer key its role as Auth:Keys:developer:Roles:0; the developer profile needs it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/clusters")
        {
            Content = new StringContent("""{"requestId":"roles-list","clusterName":"roles-list","profile":"developer"}"""),
        };
        request.Headers.Add("x-functions-key", app.DeveloperKey);
        using var client = new HttpClient { BaseAddress = app.App.BaseAddress };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
