using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using ClusterFunctions.Azure.Aks;
using ClusterFunctions.Azure.Tests.TestSupport;

namespace ClusterFunctions.Azure.Tests;

/// <summary>
/// The emulator's long-running-operation and provider protocol as Azure.ResourceManager itself
/// consumes it (WaitUntil.Completed, api-version lookup), beyond what the adapter uses.
/// </summary>
public sealed class SdkProtocolTests
{
    [Fact]
    public async Task CreateOrUpdate_WaitUntilCompleted_PollsAzureAsyncOperationToSucceeded()
    {
        await using var bed = await AksTestBed.StartAsync();
        var arm = Client(bed, pinApiVersion: true);
        var plan = AksTestBed.Request().Infrastructure.Aks!;
        await CreateGroupAsync(arm, plan.SubscriptionId);

        var operation = await arm.GetGenericResources().CreateOrUpdateAsync(
            WaitUntil.Completed, new ResourceIdentifier(plan.ResourceId), AksRequestBody.ToResourceData(plan.Body));

        Assert.True(operation.HasCompleted);
        Assert.Contains("\"provisioningState\":\"Succeeded\"", operation.Value.Data.Properties.ToString());
    }

    [Fact]
    public async Task CreateOrUpdate_OperationEndsFailed_SdkThrowsWithArmErrorCode()
    {
        await using var bed = await AksTestBed.StartAsync();
        bed.Emulator.Faults.FailNextOperation("QuotaExceeded", "Cores quota exceeded.");
        var arm = Client(bed, pinApiVersion: true);
        var plan = AksTestBed.Request().Infrastructure.Aks!;
        await CreateGroupAsync(arm, plan.SubscriptionId);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => arm.GetGenericResources().CreateOrUpdateAsync(
            WaitUntil.Completed, new ResourceIdentifier(plan.ResourceId), AksRequestBody.ToResourceData(plan.Body)));

        Assert.Equal("QuotaExceeded", error.ErrorCode);
    }

    [Fact]
    public async Task Delete_WaitUntilCompleted_FinishesAndResourceIsGone()
    {
        await using var bed = await AksTestBed.StartAsync();
        var arm = Client(bed, pinApiVersion: true);
        var plan = AksTestBed.Request().Infrastructure.Aks!;
        await CreateGroupAsync(arm, plan.SubscriptionId);
        var id = new ResourceIdentifier(plan.ResourceId);
        await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, id, AksRequestBody.ToResourceData(plan.Body));

        var delete = await arm.GetGenericResource(id).DeleteAsync(WaitUntil.Completed);

        Assert.True(delete.HasCompleted);
        Assert.False((await arm.GetGenericResources().ExistsAsync(id)).Value);
    }

    [Fact]
    public async Task GenericGet_WithoutPinnedVersion_LooksUpProviderAndUsesFirstListedVersion()
    {
        await using var bed = await AksTestBed.StartAsync();
        var arm = Client(bed, pinApiVersion: false);
        var plan = AksTestBed.Request().Infrastructure.Aks!;
        await CreateGroupAsync(arm, plan.SubscriptionId);

        var exists = await arm.GetGenericResources().ExistsAsync(new ResourceIdentifier(plan.ResourceId));

        Assert.False(exists.Value);
        Assert.Contains(bed.Emulator.Requests, r => r.StartsWith("GET /subscriptions/" + AksTestBed.Subscription + "/providers/Microsoft.ContainerService?", StringComparison.Ordinal));
        Assert.Contains(bed.Emulator.Requests, r => r.StartsWith("GET " + plan.ResourceId + "?api-version=2025-08-01", StringComparison.Ordinal));
    }

    private static ArmClient Client(AksTestBed bed, bool pinApiVersion)
    {
        var options = new ArmClientOptions
        {
            Environment = new ArmEnvironment(bed.Emulator.Endpoint, "https://management.azure.com/"),
            Transport = new HttpClientTransport(bed.Emulator.CreateHttpHandler()),
        };
        options.Retry.MaxRetries = 0;
        if (pinApiVersion)
        {
            options.SetApiVersion(ArmClientProvider.ManagedClusterType, "2025-08-01");
        }

        return new ArmClient(new FakeArmCredential(), AksTestBed.Subscription, options);
    }

    private static Task CreateGroupAsync(ArmClient arm, string subscriptionId) =>
        arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(subscriptionId)).GetResourceGroups()
            .CreateOrUpdateAsync(WaitUntil.Completed, AksTestBed.ResourceGroup, new ResourceGroupData(new AzureLocation("centralindia")));
}
