using System.Net;
using System.Net.Sockets;
using ClusterFunctions.Azure.Existing;
using ClusterFunctions.Azure.Kubernetes;
using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Azure.Tests.Existing;

public sealed class ExistingClusterInfrastructureTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cf-existing-" + Guid.NewGuid().ToString("N"));
    private readonly ExistingClusterInfrastructure _provider = new(NullLogger<ExistingClusterInfrastructure>.Instance);
    private FakeKubernetesApi _api = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _api = await FakeKubernetesApi.StartAsync();
        _token = (await _api.ProvisionAsync(new ClusterApiRequest("s", "rg", "mine", "/mine", "1.32"))).Token;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task BeginCreate_ReachableCluster_SkipsInfrastructureAndStateIsReady()
    {
        var request = Request(WriteKubeconfig(_api.Server, _token));

        var started = await _provider.BeginCreateAsync(request);
        var state = await _provider.GetStateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Skipped, started.Outcome);
        Assert.Null(started.ResourceId);
        Assert.Equal(InfrastructurePhase.Ready, state.Phase);
        Assert.Equal("127.0.0.1", state.Fqdn);
    }

    [Fact]
    public async Task Upgrade_ReachableCluster_SkipsInfrastructure_AndAnUnreachableOneIsRetryLater()
    {
        var request = Request(WriteKubeconfig(_api.Server, _token));
        var unreachable = Request(WriteKubeconfig(new Uri($"https://127.0.0.1:{ClosedPort()}"), _token));

        var update = await _provider.BeginUpdateAsync(request);
        var pool = await _provider.BeginNodePoolUpgradeAsync(request, "system");
        var error = await Assert.ThrowsAsync<InfrastructureException>(() => _provider.BeginUpdateAsync(unreachable));

        // The user's cluster keeps its own versions; an upgrade only applies the manifests to it.
        Assert.Equal(InfrastructureStartOutcome.Skipped, update.Outcome);
        Assert.Equal(InfrastructureStartOutcome.Skipped, pool.Outcome);
        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
    }

    [Fact]
    public async Task BeginCreate_NamedContext_UsesThatContextNotTheCurrentOne()
    {
        var request = Request(WriteKubeconfig(_api.Server, _token, currentIsBroken: true), context: "good");

        var started = await _provider.BeginCreateAsync(request);
        using var connection = await _provider.ConnectAsync(request);
        using var client = connection.CreateKubernetesClient();

        Assert.Equal(InfrastructureStartOutcome.Skipped, started.Outcome);
        Assert.Equal("v1.32.4", (await client.Version.GetCodeAsync()).GitVersion);
    }

    [Fact]
    public async Task BeginCreate_MissingKubeconfig_IsPermanentNamingThePath()
    {
        var path = Path.Combine(_directory, "absent.yaml");

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => _provider.BeginCreateAsync(Request(path)));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("KubeconfigNotFound", error.Code);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task BeginCreate_UnknownContext_IsPermanentKubeconfigInvalid()
    {
        var error = await Assert.ThrowsAsync<InfrastructureException>(
            () => _provider.BeginCreateAsync(Request(WriteKubeconfig(_api.Server, _token), context: "nope")));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("KubeconfigInvalid", error.Code);
    }

    [Fact]
    public async Task BeginCreate_WrongToken_IsPermanentClusterUnauthorized()
    {
        var error = await Assert.ThrowsAsync<InfrastructureException>(
            () => _provider.BeginCreateAsync(Request(WriteKubeconfig(_api.Server, "not-a-token"))));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("ClusterUnauthorized", error.Code);
        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task BeginCreate_NothingListening_IsRetryLaterClusterUnreachable()
    {
        var error = await Assert.ThrowsAsync<InfrastructureException>(
            () => _provider.BeginCreateAsync(Request(WriteKubeconfig(new Uri($"https://127.0.0.1:{ClosedPort()}"), _token))));

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Equal("ClusterUnreachable", error.Code);
    }

    [Fact]
    public async Task BeginCreate_ServerCertificateNotSignedByKubeconfigCa_IsPermanentUntrusted()
    {
        var path = WriteKubeconfig(_api.Server, _token);
        await using var impostor = await FakeKubernetesApi.StartAsync();
        File.WriteAllText(path, File.ReadAllText(path).Replace(_api.Server.AbsoluteUri.TrimEnd('/'), impostor.Server.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => _provider.BeginCreateAsync(Request(path)));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("ClusterCertificateUntrusted", error.Code);
    }

    [Fact]
    public async Task BeginDelete_ExistingCluster_IsSkippedAndKubeconfigKept()
    {
        var path = WriteKubeconfig(_api.Server, _token);

        var deleted = await _provider.BeginDeleteAsync(Request(path));

        Assert.Equal(InfrastructureDeleteOutcome.Skipped, deleted.Outcome);
        Assert.True(File.Exists(path));
    }

    private static InfrastructureRequest Request(string kubeconfigPath, string? context = null) =>
        new("req-existing", new InfrastructurePlan(InfrastructureProviders.Existing, null, new ExistingClusterPlan(kubeconfigPath, context)));

    private string WriteKubeconfig(Uri server, string token, bool currentIsBroken = false)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".yaml");
        var broken = $"https://127.0.0.1:{ClosedPort()}";
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: good
              cluster:
                server: "{server.AbsoluteUri.TrimEnd('/')}"
                certificate-authority-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(_api.CertificatePem))}
            - name: broken
              cluster:
                server: "{broken}"
            users:
            - name: user
              user:
                token: "{token}"
            contexts:
            - name: good
              context:
                cluster: good
                user: user
            - name: broken
              context:
                cluster: broken
                user: user
            current-context: {(currentIsBroken ? "broken" : "good")}
            """);
        return path;
    }

    // A port that was free a moment ago: bound then released, so nothing listens on it.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
