using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.Json;
using Azure.Core.Diagnostics;
using ClusterFunctions.Azure.Kubernetes;
using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Ports;
using k8s;

namespace ClusterFunctions.Azure.Tests.Aks;

public sealed class CredentialLeakTests
{
    [Fact]
    public async Task FullLifecycle_AnyLogLineOrStoredRecord_ContainsNoCredential()
    {
        var sdkLines = new ConcurrentQueue<string>();
        using var sdkListener = new AzureEventSourceListener((_, message) => sdkLines.Enqueue(message), EventLevel.Verbose);
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();
        var stored = new List<object>();

        stored.Add(await bed.Adapter.BeginCreateAsync(request));
        stored.Add(await bed.Adapter.GetStateAsync(request));
        using (var connection = await bed.Adapter.ConnectAsync(request))
        using (var client = connection.CreateKubernetesClient())
        {
            Assert.Equal("v1.32.4", (await client.Version.GetCodeAsync()).GitVersion);
            Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(connection));
            Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize<object>(new { Connection = connection }));
            Assert.DoesNotContain("token", connection.ToString(), StringComparison.OrdinalIgnoreCase);
        }

        stored.Add(await bed.Adapter.BeginDeleteAsync(request));
        stored.Add(await bed.Adapter.GetStateAsync(request));

        var secrets = bed.Kubernetes.IssuedTokens.Append(FakeArmCredential.Token).ToList();
        Assert.Equal(2, secrets.Count);
        var records = stored.Select(r => JsonSerializer.Serialize(r)).ToList();
        var lines = bed.Logs.Lines.Concat(sdkLines).ToList();
        Assert.NotEmpty(bed.Logs.Lines);
        Assert.NotEmpty(sdkLines);
        foreach (var text in records.Concat(lines))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }

            // The credential response body (base64 kubeconfig under "kubeconfigs") must never be logged.
            Assert.DoesNotContain("kubeconfigs", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ClusterConnection_AfterDispose_RefusesToOpenTheKubeconfig()
    {
        var connection = new ClusterConnection("apiVersion: v1"u8, null, new Uri("https://127.0.0.1:6443"));
        using (var stream = new StreamReader(connection.OpenKubeconfig()))
        {
            Assert.Equal("apiVersion: v1", stream.ReadToEnd());
        }

        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.OpenKubeconfig());
    }
}
