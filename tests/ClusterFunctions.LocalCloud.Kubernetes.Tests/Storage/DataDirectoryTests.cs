using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.LocalCloud.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Storage;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"kube-data-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    [Fact]
    public async Task Restart_SameDirectory_KeepsObjectsRevisionsAndPort()
    {
        Uri url;
        string keptVersion;
        await using (var emulator = await StartAsync())
        {
            url = emulator.Url;
            using var api = new ApiClient(emulator);
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces", ApiClient.Namespace("apps"))).Code);
            var kept = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/apps/configmaps", ApiClient.ConfigMap("apps", "kept", "v1"));
            keptVersion = kept.Body["metadata"]!["resourceVersion"]!.GetValue<string>();
            await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/apps/configmaps", ApiClient.ConfigMap("apps", "deleted", "v1"));
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/apps/configmaps/deleted")).Code);
        }

        await using var restarted = await StartAsync();
        using var again = new ApiClient(restarted);

        Assert.Equal(url, restarted.Url);
        var configMap = await again.SendAsync(HttpMethod.Get, "/api/v1/namespaces/apps/configmaps/kept");
        Assert.Equal(HttpStatusCode.OK, configMap.Code);
        Assert.Equal("v1", configMap.Body["data"]!["key"]!.GetValue<string>());
        Assert.Equal(keptVersion, configMap.Body["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await again.SendAsync(HttpMethod.Get, "/api/v1/namespaces/apps/configmaps/deleted")).Code);
        var namespaces = (await again.SendAsync(HttpMethod.Get, "/api/v1/namespaces")).Body["items"]!.AsArray().Select(n => n!["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(namespaces.Distinct().Count(), namespaces.Count);
        Assert.Contains("apps", namespaces);
        Assert.Contains("default", namespaces);
        var next = await again.SendAsync(HttpMethod.Post, "/api/v1/namespaces/apps/configmaps", ApiClient.ConfigMap("apps", "after", "v1"));
        Assert.True(long.Parse(next.Body["metadata"]!["resourceVersion"]!.GetValue<string>()) > long.Parse(keptVersion));
    }

    [Fact]
    public async Task Restart_WhileDeploymentBecomesReady_FinishesAfterTheDelay()
    {
        await using (var emulator = await StartAsync())
        {
            using var api = new ApiClient(emulator);
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Deployment())).Code);
            Assert.Equal(0, await ReadyReplicasAsync(api));
        }

        await using var restarted = await StartAsync();
        using var again = new ApiClient(restarted);
        Assert.Equal(0, await ReadyReplicasAsync(again));
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(2, await ReadyReplicasAsync(again));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Start_DamagedObjectsFile_RefusesWithErrorNamingTheFile(bool truncate)
    {
        await using (var emulator = await StartAsync())
        {
        }

        var path = Path.Combine(_directory, "objects.json");
        var bytes = await File.ReadAllBytesAsync(path);
        if (truncate)
        {
            bytes = bytes[..(bytes.Length / 2)];
        }
        else
        {
            bytes[^3] ^= 0x01;
        }

        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<DataDirectoryException>(() => StartAsync());

        Assert.Contains(path, error.Message);
        Assert.Contains(truncate ? "torn or truncated" : "SHA-256 does not match", error.Message);
    }

    [Fact]
    public async Task Start_DirectoryHeldByRunningEmulator_IsRefusedHereAndInOtherProcesses()
    {
        await using (var emulator = await StartAsync())
        {
            var error = await Assert.ThrowsAsync<DataDirectoryException>(() => StartAsync());
            Assert.Contains("in use by another Kubernetes API emulator", error.Message);
            Assert.Equal(1, await FlockAsync());
        }

        Assert.Equal(0, await FlockAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<RunningKubernetesEmulator> StartAsync() => KubernetesEmulator.StartAsync(new()
    {
        DataDirectory = _directory,
        TimeProvider = _time,
        ReadinessDelay = TimeSpan.FromSeconds(20),
    });

    private static async Task<int> ReadyReplicasAsync(ApiClient api)
    {
        var deployment = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(HttpStatusCode.OK, deployment.Code);
        return deployment.Body["status"]?["readyReplicas"]?.GetValue<int>() ?? 0;
    }

    private static JsonObject Deployment() => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1"}]}}}}
        """)!.AsObject();

    // Another process tries the lock without waiting (flock(1) from util-linux): 1 when it is held, 0 when free.
    private async Task<int> FlockAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("flock", ["--nonblock", "--conflict-exit-code", "1", Path.Combine(_directory, ".lock"), "true"]))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
