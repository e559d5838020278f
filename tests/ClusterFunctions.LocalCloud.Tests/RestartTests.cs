using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Tests;

public sealed class RestartTests : IDisposable
{
    private const string Group = "subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg1";
    private const string Cluster = $"{Group}/providers/Microsoft.ContainerService/managedClusters/aks1";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"localcloud-data-{Guid.NewGuid():N}");

    [Fact]
    public async Task Restart_SameDataDirectory_ClusterAndItsKubernetesObjectsComeBackUntilDeleted()
    {
        ClusterCredential credential;
        await using (var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { DataDirectory = _directory }))
        {
            using var arm = Arm(cloud);
            Assert.Equal(HttpStatusCode.Created, (await arm.PutAsync($"{Group}?api-version=2022-09-01", Json("""{"location":"westeurope"}"""))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await arm.PutAsync($"{Cluster}?api-version=2025-08-01", Json(ClusterBody))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await arm.GetAsync($"{Cluster}?api-version=2025-08-01")).StatusCode);
            credential = await CredentialAsync(arm);
            using var kube = credential.Client();
            using (var anonymous = credential.Client(withToken: false))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/namespaces")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Created, (await kube.PostAsync("/api/v1/namespaces", Json("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"}}"""))).StatusCode);
        }

        await using (var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { DataDirectory = _directory }))
        {
            using var arm = Arm(cloud);
            // The kubeconfig from before the restart still works: same address, same token, same certificate.
            Assert.Equal(credential, await CredentialAsync(arm));
            using var kube = credential.Client();
            Assert.Equal(HttpStatusCode.OK, (await kube.GetAsync("/api/v1/namespaces/team-a")).StatusCode);

            var delete = await arm.DeleteAsync($"{Cluster}?api-version=2025-08-01");
            Assert.Equal(HttpStatusCode.NoContent, (await arm.GetAsync(delete.Headers.Location)).StatusCode);
        }

        Assert.Empty(Directory.GetDirectories(Path.Combine(_directory, "kubernetes")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static HttpClient Arm(LocalCloudHost cloud)
    {
        var http = new HttpClient(cloud.Arm.CreateHttpHandler()) { BaseAddress = cloud.Arm.Endpoint };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test");
        return http;
    }

    private static async Task<ClusterCredential> CredentialAsync(HttpClient arm)
    {
        var response = await arm.PostAsync($"{Cluster}/listClusterUserCredential?api-version=2025-08-01", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var value = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["kubeconfigs"]![0]!["value"]!.GetValue<string>();
        var lines = Encoding.UTF8.GetString(Convert.FromBase64String(value)).Split('\n').Select(l => l.Trim()).ToList();
        string Field(string name) => lines.Single(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim().Trim('"');
        return new ClusterCredential(new Uri(Field("server")), Encoding.UTF8.GetString(Convert.FromBase64String(Field("certificate-authority-data"))), Field("token"));
    }

    /// <summary>What a kubeconfig gives a client: where, which certificate to trust, which token to send.</summary>
    private sealed record ClusterCredential(Uri Server, string CertificatePem, string Token)
    {
        public HttpClient Client(bool withToken = true)
        {
            var trusted = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(CertificatePem);
            var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == trusted.Thumbprint };
            var client = new HttpClient(handler) { BaseAddress = Server };
            if (withToken)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            }

            return client;
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private const string ClusterBody = """
        {"location":"westeurope","identity":{"type":"SystemAssigned"},"sku":{"name":"Base","tier":"Free"},
         "properties":{"kubernetesVersion":"1.32","dnsPrefix":"aks1",
           "agentPoolProfiles":[{"name":"system","mode":"System","vmSize":"Standard_D4ds_v5","count":1,"osType":"Linux","type":"VirtualMachineScaleSets"}]}}
        """;
}
