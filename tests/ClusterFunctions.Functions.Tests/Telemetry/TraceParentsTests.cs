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
        var parents = new TraceParents(new InstanceReadingClient(_ => throw Unavailable()), new KnownTraceParents());

        string? parent = await parents.GetAsync("cluster-c1");

        Assert.Null(parent);
    }

    [Fact]
    public async Task GetAsync_InAnotherInvocationsScope_ReusesWhatTheFirstRead()
    {
        var known = new KnownTraceParents();
        var client = new InstanceReadingClient(instanceId => new OrchestrationMetadata("CreateCompleteClusterOrchestrator", instanceId)
        {
            SerializedInput = """{"TraceParent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}""",
        });

        // Each activity invocation has its own scope, so its own TraceParents; the instance is read once for all.
        string? first = await new TraceParents(client, known).GetAsync("cluster-c1");
        string? second = await new TraceParents(client, known).GetAsync("cluster-c1");

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", first);
        Assert.Equal(first, second);
        Assert.Equal(1, client.Reads);
    }

    [Fact]
    public async Task GetAsync_ForABuildItsSchedulerRemembered_ReadsNothing_AndNotTheParentOfAnEarlierBuildOfTheName()
    {
        var known = new KnownTraceParents();
        var client = new InstanceReadingClient(instanceId => new OrchestrationMetadata("CreateCompleteClusterOrchestrator", instanceId)
        {
            SerializedInput = """{"TraceParent":"00-11111111111111111111111111111111-1111111111111111-01"}""",
        });
        // The name's first build, whose activities read its parent.
        await new TraceParents(client, known).GetAsync("cluster-c1");

        known.Remember("cluster-c1", "00-22222222222222222222222222222222-2222222222222222-01");
        string? parent = await new TraceParents(client, known).GetAsync("cluster-c1");

        Assert.Equal("00-22222222222222222222222222222222-2222222222222222-01", parent);
        Assert.Equal(1, client.Reads);
    }

    /// <summary>The error a host gives while its storage restarts.</summary>
    private static RpcException Unavailable() => new(new Grpc.Core.Status(StatusCode.Unknown, "Exception was thrown by handler."));
}
