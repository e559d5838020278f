using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.LocalCloud.Arm;
using ClusterFunctions.LocalCloud.Arm.Faults;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Azure.Tests.Aks;

public sealed class AksAdoptionTests
{
    [Fact]
    public async Task BeginCreate_RerunWhileCreating_AdoptsWithoutSendingAnotherPut()
    {
        // While Creating, a second PUT would be refused with 409: adopting proves no PUT was sent.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var bed = await AksTestBed.StartAsync(new ArmEmulatorOptions { TimeProvider = time, ProvisioningTime = TimeSpan.FromMinutes(6) });
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);

        var rerun = await bed.Adapter.BeginCreateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Adopted, rerun.Outcome);
        Assert.Equal("Creating", rerun.ProvisioningState);
    }

    [Fact]
    public async Task BeginCreate_RerunAfterReady_Adopts()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);
        await bed.Adapter.GetStateAsync(request);

        var rerun = await bed.Adapter.BeginCreateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Adopted, rerun.Outcome);
        Assert.Equal("Succeeded", rerun.ProvisioningState);
    }

    [Fact]
    public async Task BeginCreate_RerunWhileOwnClusterIsDeleting_IsRetryLaterThenStartsAfresh()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var bed = await AksTestBed.StartAsync(new ArmEmulatorOptions { TimeProvider = time, DeletionTime = TimeSpan.FromMinutes(4) });
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);
        await bed.Adapter.GetStateAsync(request);
        await bed.Adapter.BeginDeleteAsync(request);

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(request));
        var deleting = await bed.Adapter.GetStateAsync(request);
        time.Advance(TimeSpan.FromMinutes(4));
        var again = await bed.Adapter.BeginCreateAsync(request);

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Equal("ClusterBeingDeleted", error.Code);
        Assert.Equal(InfrastructurePhase.Deleting, deleting.Phase);
        Assert.Equal(InfrastructureStartOutcome.Started, again.Outcome);
    }

    [Fact]
    public async Task BeginCreate_NameTakenByAnotherRequest_FailsPermanentlyNamingBothRequests()
    {
        await using var bed = await AksTestBed.StartAsync();
        await bed.Adapter.BeginCreateAsync(AksTestBed.Request("req-1"));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request("req-2")));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("ClusterNameClash", error.Code);
        Assert.Contains("'req-1'", error.Message);
        Assert.Contains("'req-2'", error.Message);
        Assert.Contains("aks1", error.Message);
    }

    [Fact]
    public async Task BeginCreate_ClusterAppearsAfterTheCheck_CreateOnlyPutGets412AndClashIsReported()
    {
        await using var bed = await AksTestBed.StartAsync();
        var owner = AksTestBed.Request("req-1");
        await bed.Adapter.BeginCreateAsync(owner);

        // req-2's read races req-1's create: it sees no cluster, so only If-None-Match protects req-1's.
        bed.Emulator.Faults.Add(new ArmFault("GET", "/managedClusters/aks1", 404, "ResourceNotFound", "The Resource was not found."));
        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request("req-2")));

        Assert.Equal("ClusterNameClash", error.Code);
        var stored = await bed.Emulator.GetClusterBodyAsync(owner.Infrastructure.Aks!.ResourceId);
        Assert.Contains("\"clusterfunctions-request-id\":\"req-1\"", stored);
        Assert.Contains(bed.Emulator.Requests, r => r.StartsWith("PUT /subscriptions/", StringComparison.Ordinal) && r.Contains("/managedClusters/aks1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BeginCreate_OwnClusterAppearsAfterTheCheck_AdoptsOn412()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request("req-1");
        await bed.Adapter.BeginCreateAsync(request);
        bed.Emulator.Faults.Add(new ArmFault("GET", "/managedClusters/aks1", 404, "ResourceNotFound", "The Resource was not found."));

        var rerun = await bed.Adapter.BeginCreateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Adopted, rerun.Outcome);
    }

    [Fact]
    public async Task BeginDeleteAndConnect_ClusterOfAnotherRequest_RefusedAndClusterKept()
    {
        await using var bed = await AksTestBed.StartAsync();
        var owner = AksTestBed.Request("req-1");
        await bed.Adapter.BeginCreateAsync(owner);
        await bed.Adapter.GetStateAsync(owner);
        var other = AksTestBed.Request("req-2");

        var delete = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginDeleteAsync(other));
        var connect = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.ConnectAsync(other));

        Assert.Equal("ClusterNameClash", delete.Code);
        Assert.Equal("ClusterNameClash", connect.Code);
        Assert.Equal(InfrastructurePhase.Ready, (await bed.Adapter.GetStateAsync(owner)).Phase);
    }

    [Fact]
    public async Task BeginCreate_BodyTaggedForAnotherRequest_FailsAsInvalidPlanBeforeCallingArm()
    {
        await using var bed = await AksTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request("req-1", bodyRequestId: "req-9")));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("InvalidInfrastructurePlan", error.Code);
        Assert.Contains("Aks.Body.tags.clusterfunctions-request-id", error.Message);
        Assert.Null(await bed.Emulator.GetClusterBodyAsync(AksTestBed.Request().Infrastructure.Aks!.ResourceId));
    }
}
