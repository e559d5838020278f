using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Functions.Tests;

public class PublishClusterEventActivityTests
{
    private static readonly ClusterEventData Data = new("r1", "c1", "developer", "1", [], new Dictionary<string, string>(), null);

    [Fact]
    public async Task Publish_ForAFinishedOperation_GoesOutOnlyOnceItsStoredStatusSaysFinished()
    {
        var reads = 0;
        var client = new InstanceReadingClient(_ => StoredBuildStatus.Of("r1", finished: ++reads >= 3));
        var publisher = new RecordingPublisher(client);

        await Activity(client, publisher).RunAsync(new PublishClusterEventRequest(ClusterEventTypes.Ready, Data, StoredBuildStatus.InstanceId), client, new InvocationContext());

        Assert.Equal([(ClusterEventTypes.Ready, 3)], publisher.Published);
    }

    [Fact]
    public async Task Publish_WithNoOperationToWaitFor_GoesOutAtOnce()
    {
        var client = new InstanceReadingClient(_ => StoredBuildStatus.Of("r1", finished: false));
        var publisher = new RecordingPublisher(client);

        await Activity(client, publisher).RunAsync(new PublishClusterEventRequest(ClusterEventTypes.Drifted, Data), client, new InvocationContext());

        Assert.Equal([(ClusterEventTypes.Drifted, 0)], publisher.Published);
    }

    private static PublishClusterEventActivity Activity(DurableTaskClient client, IEventPublisher publisher) =>
        new(publisher, new FinishedStatusWait(client, TimeProvider.System, NullLogger<FinishedStatusWait>.Instance), new TraceParents(client, new KnownTraceParents()));

    /// <summary>Records each event it publishes with how many status reads the activity had made by then.</summary>
    private sealed class RecordingPublisher(InstanceReadingClient client) : IEventPublisher
    {
        public List<(string Type, int ReadsBefore)> Published { get; } = [];

        public Task PublishAsync(string eventType, ClusterEventData data, CancellationToken cancellationToken = default)
        {
            Published.Add((eventType, client.Reads));
            return Task.CompletedTask;
        }
    }

    /// <summary>An invocation with no binding data (so no trace to join); nothing else of it is used.</summary>
    private sealed class InvocationContext : FunctionContext
    {
        public override string InvocationId => "test";

        public override string FunctionId => nameof(PublishClusterEventActivity);

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext { get; } = new NoBindingData();

        public override Microsoft.Azure.Functions.Worker.RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }

    private sealed class NoBindingData : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>();
    }
}
