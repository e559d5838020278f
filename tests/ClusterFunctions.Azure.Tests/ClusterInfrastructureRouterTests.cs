using Azure.Core;
using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterFunctions.Azure.Tests;

public sealed class ClusterInfrastructureRouterTests
{
    [Fact]
    public async Task AddClusterInfrastructure_AksPlan_RoutesToArmThroughConfiguredEndpoint()
    {
        await using var bed = await AksTestBed.StartAsync();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TokenCredential>(new FakeArmCredential())
            .AddClusterInfrastructure(o =>
            {
                o.ResourceManagerEndpoint = bed.Emulator.Endpoint;
                o.Transport = new global::Azure.Core.Pipeline.HttpClientTransport(bed.Emulator.CreateHttpHandler());
            })
            .BuildServiceProvider();
        var infrastructure = services.GetRequiredService<IClusterInfrastructure>();

        var started = await infrastructure.BeginCreateAsync(AksTestBed.Request());

        Assert.Equal(InfrastructureStartOutcome.Started, started.Outcome);
        Assert.NotNull(await bed.Emulator.GetClusterBodyAsync(started.ResourceId!));
    }

    [Fact]
    public async Task BeginCreate_UnknownProvider_IsPermanentNamingTheField()
    {
        await using var services = new ServiceCollection().AddLogging().AddClusterInfrastructure().BuildServiceProvider();
        var infrastructure = services.GetRequiredService<IClusterInfrastructure>();
        var request = new InfrastructureRequest("req-1", new InfrastructurePlan("gke", null, null));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => infrastructure.BeginCreateAsync(request));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Contains("Infrastructure.Provider", error.Message);
        Assert.Contains("'gke'", error.Message);
    }

    [Fact]
    public async Task BeginCreate_AksProviderWithoutAksPlan_IsPermanentNamingTheField()
    {
        await using var services = new ServiceCollection().AddLogging().AddClusterInfrastructure().BuildServiceProvider();
        var request = new InfrastructureRequest("req-1", new InfrastructurePlan(InfrastructureProviders.Aks, null, null));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => services.GetRequiredService<IClusterInfrastructure>().BeginCreateAsync(request));

        Assert.Equal("InvalidInfrastructurePlan", error.Code);
        Assert.Contains("Infrastructure.Aks", error.Message);
    }
}
