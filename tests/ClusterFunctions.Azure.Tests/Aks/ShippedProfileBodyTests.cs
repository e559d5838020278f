using System.Text.Json.Nodes;
using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Azure.Tests.Aks;

public sealed class ShippedProfileBodyTests
{
    private static readonly string CatalogDirectory = Path.Combine(AppContext.BaseDirectory, "catalog");

    public static TheoryData<string> ShippedProfiles()
    {
        var profiles = new TheoryData<string>();
        foreach (var name in ProfileComposer.ConcreteProfiles(CatalogLoader.Load(CatalogDirectory).Catalog))
        {
            profiles.Add(name);
        }

        return profiles;
    }

    [Theory]
    [MemberData(nameof(ShippedProfiles))]
    public async Task BeginCreate_ShippedProfile_EmulatorAcceptsBodyAndStoresItAsPlanned(string profile)
    {
        var rendered = ClusterPlanRenderer.Render(CatalogLoader.Load(CatalogDirectory).Catalog, new ClusterRequest($"req-{profile}", $"cf-{profile}", profile));
        Assert.True(rendered.Succeeded, string.Join(Environment.NewLine, rendered.Problems));
        var plan = rendered.Plan!;
        Assert.Equal(InfrastructureProviders.Aks, plan.Infrastructure.Provider);
        await using var bed = await AksTestBed.StartAsync();
        var request = new InfrastructureRequest(plan.RequestId, plan.Infrastructure);

        var started = await bed.Adapter.BeginCreateAsync(request);
        var state = await bed.Adapter.GetStateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Started, started.Outcome);
        var stored = await bed.Emulator.GetClusterBodyAsync(plan.Infrastructure.Aks!.ResourceId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(plan.Infrastructure.Aks.Body), JsonNode.Parse(stored!)), stored);
        Assert.Equal(InfrastructurePhase.Ready, state.Phase);
        Assert.Equal(plan.Infrastructure.Aks.NodePools.Select(p => p.Name), state.NodePools.Select(p => p.Name));
    }
}
