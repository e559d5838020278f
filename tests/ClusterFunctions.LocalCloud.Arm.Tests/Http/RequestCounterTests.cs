using System.Net;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Http;

public sealed class RequestCounterTests
{
    [Fact]
    public async Task RequestCounter_EveryRequestServed_CountedByMethodRefusalsIncluded()
    {
        await using var client = await EmulatorClient.StartAsync();
        var before = client.Emulator.RequestCounter.Read();

        Assert.Equal(HttpStatusCode.Created, (await client.PutGroupAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"subscriptions/{EmulatorClient.Subscription}/resourcegroups/rg1?api-version=2022-09-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(EmulatorClient.ClusterPath())).StatusCode);
        client.Http.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.DeleteAsync($"subscriptions/{EmulatorClient.Subscription}/resourcegroups/rg1?api-version=2022-09-01")).StatusCode);

        Assert.Equal(new RequestCounts(Get: 2, Put: 1, Post: 0, Patch: 0, Delete: 1, Other: 0), client.Emulator.RequestCounter.Read() - before);
    }

    [Fact]
    public async Task RequestCounter_GivenInOptions_IsTheOneTheEmulatorCounts()
    {
        var counter = new RequestCounter();
        await using var client = await EmulatorClient.StartAsync(new ArmEmulatorOptions { RequestCounter = counter });

        await client.PutGroupAsync();

        Assert.Same(counter, client.Emulator.RequestCounter);
        Assert.Equal(1, counter.Read().Put);
    }
}
