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
        var parents = new TraceParents(new UnansweringClient(), new KnownTraceParents());

        string? parent = await parents.GetAsync("cluster-c1");

        Assert.Null(parent);
    }

    [Fact]
    public async Task GetAsync_InAnotherInvocationsScope_ReusesWhatTheFirstRead()
    {
        var known = new KnownTraceParents();
        var client = new CountingClient("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        // Each activity invocation has its own scope, so its own TraceParents; the instance is read once for all.
        string? first = await new TraceParents(client, known).GetAsync("cluster-c1");
        string? second = await new TraceParents(client, known).GetAsync("cluster-c1");

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", first);
        Assert.Equal(first, second);
        Assert.Equal(1, client.Reads);
    }

    /// <summary>A Durable client that answers instance reads with an input carrying a trace parent, and counts them.</summary>
    private sealed class CountingClient(string traceParent) : DurableTaskClient("counting")
    {
        public int Reads { get; private set; }

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult<OrchestrationMetadata?>(new OrchestrationMetadata("CreateCompleteClusterOrchestrator", instanceId)
            {
                SerializedInput = $$"""{"TraceParent":"{{traceParent}}"}""",
            });
        }

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
            StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

        public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
