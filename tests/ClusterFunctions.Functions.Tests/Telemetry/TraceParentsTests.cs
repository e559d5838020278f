using ClusterFunctions.Functions.Telemetry;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Tests.Telemetry;

public class TraceParentsTests
{
    [Fact]
    public async Task GetAsync_HostCannotAnswer_ReturnsNoParentInsteadOfFailingTheActivity()
    {
        var parents = new TraceParents(new UnansweringClient());

        string? parent = await parents.GetAsync("cluster-c1");

        Assert.Null(parent);
    }

    /// <summary>A Durable client whose host answers every call with the error a host gives while its storage restarts.</summary>
    private sealed class UnansweringClient() : DurableTaskClient("unanswering")
    {
        private static Exception Unavailable() => new RpcException(new Grpc.Core.Status(StatusCode.Unknown, "Exception was thrown by handler."));

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
            throw Unavailable();

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw Unavailable();

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
            StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw Unavailable();

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
            throw Unavailable();

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw Unavailable();

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw Unavailable();

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw Unavailable();

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw Unavailable();

        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
            throw Unavailable();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
