using System.Net;
using System.Net.Http.Headers;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Auth;

/// <summary>Who may talk to the API at all: only a caller with a token the emulator issued, over its TLS, as on AKS.</summary>
public sealed class AuthenticationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token-anyone-issued")]
    public async Task Request_WithoutAnIssuedToken_Is401(string? token)
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var http = new HttpClient(emulator.CreateHttpHandler()) { BaseAddress = emulator.Url };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var list = await http.GetAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings");
        using var delete = await http.DeleteAsync("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/cluster-admin");

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Fact]
    public async Task Kubectl_WithoutCredentials_IsRefused_AndChangesNothing()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var admin = new Kubectl(emulator);
        using var anonymous = new Kubectl(emulator, bearerToken: "");

        var delete = await anonymous.RunAsync("delete", "clusterrole", "admin");

        // Answered 401, kubectl asks for a user name and password (stdin is empty here) and gives up.
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Equal(0, (await admin.RunAsync("get", "clusterrole", "admin")).ExitCode);
    }

    [Fact]
    public async Task AdminToken_WithoutOne_IsRandomPerEmulator_AndKeptWithTheDataDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("cf-kube-token-").FullName;
        try
        {
            string first;
            await using (var emulator = await KubernetesEmulator.StartAsync(new() { DataDirectory = directory }))
            {
                first = emulator.AdminToken;
            }

            await using var restarted = await KubernetesEmulator.StartAsync(new() { DataDirectory = directory });
            await using var other = await KubernetesEmulator.StartAsync();

            Assert.Equal(first, restarted.AdminToken);
            Assert.NotEqual(first, other.AdminToken);
            Assert.True(first.Length >= 32);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
