using System.Net;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class RequestCounterTests
{
    [Fact]
    public async Task RequestCounter_EveryRequestServed_CountedByMethodRefusalsIncluded()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var before = emulator.RequestCounter.Read();

        Assert.Equal(HttpStatusCode.Created, (await api.ApplyAsync("/api/v1/namespaces/default/configmaps/a", ApiClient.ConfigMap("default", "a", "1"))).Code);
        Assert.Equal(HttpStatusCode.OK, (await api.ApplyAsync("/api/v1/namespaces/default/configmaps/a?dryRun=All", ApiClient.ConfigMap("default", "a", "2"))).Code);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/a")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/missing")).Code);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/a")).Code);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ApiClient.ConfigMap("default", "b", "1"))).Code);

        Assert.Equal(new RequestCounts(Get: 2, Put: 0, Post: 1, Patch: 2, Delete: 1, Other: 0), emulator.RequestCounter.Read() - before);
    }

    [Fact]
    public async Task RequestCounter_SharedByTwoEmulators_CountsBoth()
    {
        var counter = new RequestCounter();
        await using var first = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { RequestCounter = counter });
        await using var second = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions { RequestCounter = counter });
        using var firstApi = new ApiClient(first);
        using var secondApi = new ApiClient(second);

        await firstApi.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default");
        await secondApi.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default");
        await secondApi.SendAsync(HttpMethod.Get, "/api/v1/namespaces/kube-system");

        Assert.Equal(3, counter.Read().Get);
        Assert.Same(counter, second.RequestCounter);
    }
}
