using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class WatchAndFaultTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static async Task<(HttpResponseMessage Response, StreamReader Reader)> WatchAsync(ApiClient api, string query)
    {
        var response = await api.Http.GetAsync($"/api/v1/namespaces/default/configmaps?watch=true{query}", HttpCompletionOption.ResponseHeadersRead);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader reader)
    {
        var line = await reader.ReadLineAsync().WaitAsync(Guard);
        return JsonNode.Parse(line!)!.AsObject();
    }

    [Fact]
    public async Task Watch_ObjectCreatedThenDeleted_StreamsAddedThenDeleted()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var (response, reader) = await WatchAsync(api, "");
        using (response)
        {
            await api.ApplyAsync("/api/v1/namespaces/default/configmaps/w", ApiClient.ConfigMap("default", "w", "v"));
            await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/w");

            var added = await NextEventAsync(reader);
            var deleted = await NextEventAsync(reader);

            Assert.Equal("ADDED", added["type"]!.GetValue<string>());
            Assert.Equal("w", added["object"]!["metadata"]!["name"]!.GetValue<string>());
            Assert.Equal("DELETED", deleted["type"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Watch_FromListResourceVersion_ReplaysOnlyLaterChanges()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/before", ApiClient.ConfigMap("default", "before", "v"));
        var (_, list) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/after", ApiClient.ConfigMap("default", "after", "v"));

        var (response, reader) = await WatchAsync(api, $"&resourceVersion={list["metadata"]!["resourceVersion"]}");
        using (response)
        {
            var first = await NextEventAsync(reader);

            Assert.Equal("after", first["object"]!["metadata"]!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task DropWatches_OpenWatch_EndsTheStream()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var (response, reader) = await WatchAsync(api, "");
        using (response)
        {
            await api.ApplyAsync("/api/v1/namespaces/default/configmaps/w", ApiClient.ConfigMap("default", "w", "v"));
            await NextEventAsync(reader);

            emulator.Faults.DropWatches();

            Assert.Null(await reader.ReadLineAsync().WaitAsync(Guard));
        }
    }

    [Fact]
    public async Task FailRequests_TwoInjected_FailsTwiceThenServes()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        emulator.Faults.FailRequests(500, count: 2, pathContains: "/configmaps");

        var first = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");
        var other = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        var second = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");
        var third = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps");

        Assert.Equal(HttpStatusCode.InternalServerError, first.Code);
        Assert.Equal("InternalError", first.Body["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, other.Code);
        Assert.Equal(HttpStatusCode.InternalServerError, second.Code);
        Assert.Equal(HttpStatusCode.OK, third.Code);
        Assert.Equal(0, emulator.Faults.Pending);
    }

    [Fact]
    public async Task DelayRequests_OnFakeClock_AnswersOnlyAfterTheClockAdvances()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await KubernetesEmulator.StartAsync(new() { TimeProvider = time });
        using var api = new ApiClient(emulator);
        emulator.Faults.DelayRequests(TimeSpan.FromSeconds(10), pathContains: "/namespaces");

        var pending = api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        await emulator.Faults.WhenAllConsumedAsync().WaitAsync(Guard);

        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await pending.WaitAsync(Guard)).Code);
    }

    [Fact]
    public async Task WhenAllConsumedAsync_CompletesOnlyOnceTheLastInjectedFaultIsTaken()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        Assert.True(emulator.Faults.WhenAllConsumedAsync().IsCompleted);

        emulator.Faults.FailRequests(500, count: 2, pathContains: "/namespaces");
        var consumed = emulator.Faults.WhenAllConsumedAsync();
        await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        Assert.False(consumed.IsCompleted);

        await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces");
        await consumed.WaitAsync(Guard);
    }

    [Fact]
    public void FailRequests_NonErrorStatus_ThrowsNamingTheParameter()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KubernetesFaults().FailRequests(200));

        Assert.Equal("statusCode", error.ParamName);
    }
}
