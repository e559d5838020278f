using ClusterFunctions.Azure.Aks;
using ClusterFunctions.Azure.Tests.TestSupport;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.LocalCloud.Arm;
using ClusterFunctions.LocalCloud.Arm.Faults;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Azure.Tests.Aks;

public sealed class AksFaultClassificationTests
{
    private const string ClusterPath = "/managedClusters/aks1";

    [Fact]
    public async Task BeginCreate_Throttled_IsRetryLaterWithRetryAfterAndArmMessage()
    {
        await using var bed = await AksTestBed.StartAsync();
        bed.Emulator.Faults.Add(ArmFault.Throttle("PUT", ClusterPath, TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request()));

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Equal("TooManyRequests", error.Code);
        Assert.Equal(429, error.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("The request is being throttled as the limit has been reached for operation type - Write.", error.Message);
        var failure = System.Text.Json.JsonSerializer.Deserialize<InfrastructureFailure>(System.Text.Json.JsonSerializer.Serialize(error.ToFailure()));
        Assert.Equal(new InfrastructureFailure(InfrastructureErrorKind.RetryLater, "TooManyRequests", error.Message, 429, TimeSpan.FromSeconds(7)), failure);
    }

    [Fact]
    public async Task BeginCreate_OperationNotAllowed409_IsRetryLater()
    {
        await using var bed = await AksTestBed.StartAsync();
        bed.Emulator.Faults.Add(ArmFault.OperationNotAllowed("PUT", ClusterPath));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request()));

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Equal("OperationNotAllowed", error.Code);
        Assert.Equal(409, error.Status);
        Assert.StartsWith("Operation is not allowed: Another operation (Creating) is in progress", error.Message);
    }

    [Fact]
    public async Task BeginCreate_ServerErrorWithoutRetries_IsRetryLater()
    {
        await using var bed = await AksTestBed.StartAsync();
        bed.Emulator.Faults.Add(ArmFault.ServerError("GET", ClusterPath));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request()));

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Equal("InternalServerError", error.Code);
        Assert.Equal(500, error.Status);
    }

    [Fact]
    public async Task BeginCreate_ServerErrorOnceWithSdkRetries_IsAbsorbedAndCreateStarts()
    {
        await using var bed = await AksTestBed.StartAsync(maxRetries: 2);
        bed.Emulator.Faults.Add(ArmFault.ServerError("PUT", ClusterPath));

        var started = await bed.Adapter.BeginCreateAsync(AksTestBed.Request());

        Assert.Equal(InfrastructureStartOutcome.Started, started.Outcome);
        Assert.Equal(0, bed.Emulator.Faults.Pending);
    }

    [Theory]
    [InlineData(403, "RequestDisallowedByPolicy", "Resource 'aks1' was disallowed by policy. Policy identifiers: '[{\"policyAssignment\":{\"name\":\"Allowed locations\"}}]'.")]
    [InlineData(400, "QuotaExceeded", "Operation could not be completed as it results in exceeding approved standardNCSv3Family Cores quota.")]
    [InlineData(401, "InvalidAuthenticationToken", "The access token is invalid.")]
    public async Task BeginCreate_PermanentArmError_IsPermanentWithCodeAndMessagePreserved(int status, string code, string message)
    {
        await using var bed = await AksTestBed.StartAsync(maxRetries: 2);
        bed.Emulator.Faults.Add(new ArmFault("PUT", ClusterPath, status, code, message, Times: 3));

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(AksTestBed.Request()));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(status, error.Status);
        Assert.Equal(2, bed.Emulator.Faults.Pending);
    }

    [Fact]
    public async Task BeginCreate_BodyRejectedByValidation_IsPermanentNamingTheField()
    {
        await using var bed = await AksTestBed.StartAsync();
        var request = AksTestBed.Request();
        var plan = request.Infrastructure.Aks! with { Body = request.Infrastructure.Aks!.Body.Replace("\"name\":\"gpu\"", "\"name\":\"GPU-pool\"", StringComparison.Ordinal) };
        request = request with { Infrastructure = request.Infrastructure with { Aks = plan } };

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.BeginCreateAsync(request));

        Assert.Equal(InfrastructureErrorKind.Permanent, error.Kind);
        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("GPU-pool", error.Message);
        Assert.Contains("^[a-z][a-z0-9]{0,11}$", error.Message);
    }

    [Fact]
    public async Task GetState_OperationEndedFailed_ReportsFailedWithArmError()
    {
        await using var bed = await AksTestBed.StartAsync();
        bed.Emulator.Faults.FailNextOperation("VMExtensionProvisioningError", "VM has reported a failure when processing extension 'vmssCSE'.");
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);

        var state = await bed.Adapter.GetStateAsync(request);

        Assert.Equal(InfrastructurePhase.Failed, state.Phase);
        Assert.Equal("Failed", state.ProvisioningState);
        Assert.Equal("VMExtensionProvisioningError", state.ErrorCode);
        Assert.Equal("VM has reported a failure when processing extension 'vmssCSE'.", state.ErrorMessage);
    }

    [Fact]
    public async Task BeginCreate_RerunAfterFailedOperation_SendsTheCreateAgain()
    {
        await using var bed = await AksTestBed.StartAsync();
        bed.Emulator.Faults.FailNextOperation("InternalOperationError", "Provisioning failed.");
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);
        await bed.Adapter.GetStateAsync(request);

        var again = await bed.Adapter.BeginCreateAsync(request);
        var state = await bed.Adapter.GetStateAsync(request);

        Assert.Equal(InfrastructureStartOutcome.Started, again.Outcome);
        Assert.Equal(InfrastructurePhase.Ready, state.Phase);
    }

    [Fact]
    public async Task Connect_WhileCreating_IsRetryLaterOperationNotAllowed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
        await using var bed = await AksTestBed.StartAsync(new ArmEmulatorOptions { TimeProvider = time, ProvisioningTime = TimeSpan.FromMinutes(6) });
        var request = AksTestBed.Request();
        await bed.Adapter.BeginCreateAsync(request);

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => bed.Adapter.ConnectAsync(request));
        var creating = await bed.Adapter.GetStateAsync(request);
        time.Advance(TimeSpan.FromMinutes(6));
        var ready = await bed.Adapter.GetStateAsync(request);

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Equal("OperationNotAllowed", error.Code);
        Assert.Equal(InfrastructurePhase.InProgress, creating.Phase);
        Assert.Equal("Creating", creating.ProvisioningState);
        Assert.Equal(InfrastructurePhase.Ready, ready.Phase);
    }

    [Fact]
    public async Task Connect_ArmUnreachableThroughEverySdkRetry_IsRetryLaterNamingTheConnectionError()
    {
        // ARM restarting: every try of Azure.Core's retry policy is refused, and it gives up with all of them at once.
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        int port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();
        var settings = new AksInfrastructureOptions
        {
            ResourceManagerEndpoint = new Uri($"https://127.0.0.1:{port}/"),
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        var adapter = new AksClusterInfrastructure(new ArmClientProvider(new FakeArmCredential(), Microsoft.Extensions.Options.Options.Create(settings)),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AksClusterInfrastructure>.Instance);

        var error = await Assert.ThrowsAsync<InfrastructureException>(() => adapter.ConnectAsync(AksTestBed.Request()));

        Assert.Equal(InfrastructureErrorKind.RetryLater, error.Kind);
        Assert.Contains("Connection refused", error.Message);
        Assert.EndsWith("(after 3 tries)", error.Message);
    }

    [Theory]
    [InlineData(0, "", true)]
    [InlineData(408, "RequestTimeout", true)]
    [InlineData(409, "AnotherOperationInProgress", true)]
    [InlineData(409, "Conflict", false)]
    [InlineData(502, "BadGateway", true)]
    [InlineData(503, "ServiceUnavailable", true)]
    [InlineData(501, "NotImplemented", false)]
    [InlineData(404, "ResourceNotFound", false)]
    public void IsRetryable_StatusAndCode_MatchesArmSemantics(int status, string code, bool retryable)
    {
        Assert.Equal(retryable, ClusterFunctions.Azure.Aks.ArmErrorClassifier.IsRetryable(status, code));
    }
}
