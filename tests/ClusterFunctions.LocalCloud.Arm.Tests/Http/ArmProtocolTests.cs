using System.Net;
using System.Net.Http.Headers;
using ClusterFunctions.LocalCloud.Arm.Faults;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Http;

public sealed class ArmProtocolTests
{
    [Fact]
    public async Task Request_WithoutBearerToken_Returns401AuthenticationFailed()
    {
        await using var client = await EmulatorClient.StartAsync();
        client.Http.DefaultRequestHeaders.Authorization = null;

        var response = await client.PutGroupAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AuthenticationFailed", (await EmulatorClient.ReadAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_WithUnknownApiVersion_Returns400NoRegisteredProviderFound()
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();

        var response = await client.Http.GetAsync(EmulatorClient.ClusterPath().Replace("2025-08-01", "1999-01-01", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("NoRegisteredProviderFound", (await EmulatorClient.ReadAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetProvider_ContainerService_ListsManagedClustersApiVersionsStableFirst()
    {
        await using var client = await EmulatorClient.StartAsync();

        var provider = await EmulatorClient.ReadAsync(await client.Http.GetAsync(
            $"subscriptions/{EmulatorClient.Subscription}/providers/Microsoft.ContainerService?api-version=2022-09-01"));

        var managedClusters = provider["resourceTypes"]!.AsArray().Single(t => t!["resourceType"]!.GetValue<string>() == "managedClusters")!;
        Assert.Equal("2025-08-01", managedClusters["apiVersions"]![0]!.GetValue<string>());
        Assert.Equal("Microsoft.ContainerService", provider["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnyResponse_CarriesArmRequestIdsEchoingTheCorrelationId()
    {
        await using var client = await EmulatorClient.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{EmulatorClient.Subscription}/resourcegroups/nope?api-version=2022-09-01");
        request.Headers.Add("x-ms-correlation-request-id", "corr-42");

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-ms-request-id").Single(), out _));
        Assert.Equal("corr-42", response.Headers.GetValues("x-ms-correlation-request-id").Single());
    }

    [Fact]
    public async Task InjectedThrottle_NextMatchingRequest_Returns429WithRetryAfterOnce()
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();
        client.Emulator.Faults.Add(ArmFault.Throttle("PUT", "/managedClusters/", TimeSpan.FromSeconds(7)));

        var throttled = await client.PutClusterAsync(SampleBodies.Production());
        var next = await client.PutClusterAsync(SampleBodies.Production());

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal("TooManyRequests", (await EmulatorClient.ReadAsync(throttled))["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(0, client.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task FailNextOperation_Create_EndsFailedWithInjectedError()
    {
        await using var client = await EmulatorClient.StartAsync();
        await client.PutGroupAsync();
        client.Emulator.Faults.FailNextOperation("QuotaExceeded", "Operation could not be completed as it results in exceeding approved standardNCFamily Cores quota.");

        var put = await client.PutClusterAsync(SampleBodies.Production());
        var status = await EmulatorClient.ReadAsync(await client.Http.GetAsync(put.Headers.GetValues("Azure-AsyncOperation").Single()));

        Assert.Equal("Failed", status["status"]!.GetValue<string>());
        Assert.Equal("QuotaExceeded", status["error"]!["code"]!.GetValue<string>());
        var cluster = await EmulatorClient.ReadAsync(await client.Http.GetAsync(EmulatorClient.ClusterPath()));
        Assert.Equal("Failed", cluster["properties"]!["provisioningState"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutResourceGroup_Twice_CreatesThenUpdates()
    {
        await using var client = await EmulatorClient.StartAsync();

        var first = await client.PutGroupAsync();
        var second = await client.PutGroupAsync();
        var moved = await client.PutGroupAsync(location: "westeurope");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        var group = await EmulatorClient.ReadAsync(await client.Http.GetAsync($"subscriptions/{EmulatorClient.Subscription}/resourcegroups/RG1?api-version=2022-09-01"));
        Assert.Equal("Succeeded", group["properties"]!["provisioningState"]!.GetValue<string>());
    }

    [Fact]
    public async Task Https_ClientThatDoesNotTrustCertificate_IsRefused()
    {
        await using var emulator = await ArmEmulator.StartAsync();
        using var untrusting = new HttpClient { BaseAddress = emulator.Endpoint };
        untrusting.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "x");

        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("subscriptions/s/providers/Microsoft.Resources?api-version=2022-09-01"));
        Assert.Equal("https", emulator.Endpoint.Scheme);
        Assert.Contains("BEGIN CERTIFICATE", emulator.CertificatePem);
    }
}
