using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.Arm.Tests.State;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"arm-data-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public async Task Restart_SameDirectory_KeepsGroupsClustersPoolsOperationsCertificateAndPort()
    {
        var first = new RecordingProvisioner();
        Uri endpoint;
        string thumbprint;
        string pollUrl;
        await using (var client = await EmulatorClient.StartAsync(Options(first)))
        {
            endpoint = client.Emulator.Endpoint;
            thumbprint = client.Emulator.Certificate.GetCertHashString(HashAlgorithmName.SHA256);
            await client.PutGroupAsync();
            await client.PutClusterAsync(SampleBodies.Production(), name: "done");
            _time.Advance(TimeSpan.FromMinutes(10));
            await client.Http.GetAsync(EmulatorClient.ClusterPath("done"));
            var put = await client.PutClusterAsync(SampleBodies.Production(), name: "inflight");
            pollUrl = put.Headers.GetValues("Azure-AsyncOperation").Single();
        }

        Assert.Equal(["provision done", "stop done"], first.Calls);
        var second = new RecordingProvisioner();
        await using var restarted = await EmulatorClient.StartAsync(Options(second));

        Assert.Equal(endpoint, restarted.Emulator.Endpoint);
        Assert.Equal(thumbprint, restarted.Emulator.Certificate.GetCertHashString(HashAlgorithmName.SHA256));
        Assert.Equal(["provision done"], second.Calls);
        Assert.Equal(HttpStatusCode.OK, (await restarted.Http.GetAsync($"subscriptions/{EmulatorClient.Subscription}/resourcegroups/rg1?api-version=2022-09-01")).StatusCode);
        var inflight = await EmulatorClient.ReadAsync(await restarted.Http.GetAsync(EmulatorClient.ClusterPath("inflight")));
        Assert.Equal("Creating", inflight["properties"]!["provisioningState"]!.GetValue<string>());
        Assert.Equal(["system", "gpu"], inflight["properties"]!["agentPoolProfiles"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("InProgress", (await EmulatorClient.ReadAsync(await restarted.Http.GetAsync(pollUrl)))["status"]!.GetValue<string>());
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("Succeeded", (await EmulatorClient.ReadAsync(await restarted.Http.GetAsync(pollUrl)))["status"]!.GetValue<string>());
        var credentials = await restarted.Http.PostAsync(EmulatorClient.ClusterPath("done").Replace("?", "/listClusterUserCredential?", StringComparison.Ordinal), null);
        Assert.Equal(HttpStatusCode.OK, credentials.StatusCode);
        Assert.Equal(["provision done", "provision inflight"], second.Calls);
    }

    [Fact]
    public async Task Restart_AfterDelete_ClusterStaysDeleted()
    {
        await using (var client = await EmulatorClient.StartAsync(Options(new RecordingProvisioner())))
        {
            await client.PutGroupAsync();
            await client.PutClusterAsync(SampleBodies.Production());
            _time.Advance(TimeSpan.FromMinutes(10));
            await client.Http.GetAsync(EmulatorClient.ClusterPath());
            var delete = await client.Http.DeleteAsync(EmulatorClient.ClusterPath());
            Assert.Equal(HttpStatusCode.NoContent, (await client.Http.GetAsync(delete.Headers.Location)).StatusCode);
        }

        var provisioner = new RecordingProvisioner();
        await using var restarted = await EmulatorClient.StartAsync(Options(provisioner));

        Assert.Equal(HttpStatusCode.OK, (await restarted.Http.GetAsync($"subscriptions/{EmulatorClient.Subscription}/resourcegroups/rg1?api-version=2022-09-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await restarted.Http.GetAsync(EmulatorClient.ClusterPath())).StatusCode);
        Assert.Empty(provisioner.Calls);
    }

    [Theory]
    [InlineData("truncated", "torn or truncated")]
    [InlineData("changed", "SHA-256 does not match")]
    [InlineData("headerless", "does not start with a state header")]
    public async Task Start_DamagedStateFile_RefusesWithErrorNamingTheFile(string damage, string expected)
    {
        await using (var client = await EmulatorClient.StartAsync(Options(new RecordingProvisioner())))
        {
            await client.PutGroupAsync();
        }

        var path = Path.Combine(_directory, "state.json");
        var bytes = await File.ReadAllBytesAsync(path);
        var damaged = damage switch
        {
            "truncated" => bytes[..^10],
            "changed" => Flip(bytes, bytes.Length - 5),
            _ => Encoding.UTF8.GetBytes("{\"resourceGroups\":[]}"),
        };
        await File.WriteAllBytesAsync(path, damaged);

        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => ArmEmulator.StartAsync(Options(new RecordingProvisioner())));

        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(damaged, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Start_DirectoryHeldByRunningEmulator_IsRefusedHereAndInOtherProcesses()
    {
        await using (var client = await EmulatorClient.StartAsync(Options(new RecordingProvisioner())))
        {
            var error = await Assert.ThrowsAsync<DataDirectoryException>(() => ArmEmulator.StartAsync(Options(new RecordingProvisioner())));
            Assert.Contains("in use by another ARM emulator", error.Message);
            Assert.Equal(1, await FlockAsync());
        }

        Assert.Equal(0, await FlockAsync());
        await using var restarted = await EmulatorClient.StartAsync(Options(new RecordingProvisioner()));
    }

    [Fact]
    public async Task Start_RecordedPortTaken_RefusesInsteadOfMovingClientsToAnotherPort()
    {
        int port;
        await using (var client = await EmulatorClient.StartAsync(Options(new RecordingProvisioner())))
        {
            port = client.Emulator.Endpoint.Port;
        }

        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => ArmEmulator.StartAsync(Options(new RecordingProvisioner())));

        Assert.Contains($"Port {port}", error.Message);
        squatter.Stop();
        await using var restarted = await EmulatorClient.StartAsync(Options(new RecordingProvisioner()));
        Assert.Equal(port, restarted.Emulator.Endpoint.Port);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private ArmEmulatorOptions Options(IClusterApiProvisioner provisioner) => new()
    {
        DataDirectory = _directory,
        TimeProvider = _time,
        ProvisioningTime = TimeSpan.FromMinutes(10),
        ClusterApiProvisioner = provisioner,
    };

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x20;
        return copy;
    }

    // Another process tries the lock without waiting (flock(1) from util-linux): 1 when it is held, 0 when free.
    private async Task<int> FlockAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["--nonblock", "--conflict-exit-code", "1", Path.Combine(_directory, ".lock"), "true"]))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private sealed class RecordingProvisioner : IClusterApiProvisioner
    {
        public List<string> Calls { get; } = [];

        public Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
        {
            Calls.Add($"provision {cluster.ClusterName}");
            return Task.FromResult(new ClusterApiEndpoint(new Uri("https://127.0.0.1:6443"), null, $"tok-{cluster.ClusterName}"));
        }

        public Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
        {
            Calls.Add($"release {cluster.ClusterName}");
            return Task.CompletedTask;
        }

        public Task StopAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
        {
            Calls.Add($"stop {cluster.ClusterName}");
            return Task.CompletedTask;
        }
    }
}
