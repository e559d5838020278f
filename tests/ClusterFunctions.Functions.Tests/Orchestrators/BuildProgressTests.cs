using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

public class BuildProgressTests
{
    [Fact]
    public async Task Emit_EndsTheCheckpointThatStoresTheFinishedStatus_BeforeTheEventIsScheduled()
    {
        var context = new RecordingContext();
        var progress = new BuildProgress(context, "create", "c1", "r1", "developer");

        progress.Finish();
        await progress.EmitAsync(ClusterEventTypes.Ready);

        // Only an await that yields to the engine (a timer) between the status and the activity makes the engine store
        // the status before it sends the activity's message.
        Assert.Equal(["status finished", "timer", $"activity {nameof(PublishClusterEventActivity)}", "status finished"], context.Calls);
    }

    private sealed class RecordingContext : TaskOrchestrationContext
    {
        public List<string> Calls { get; } = [];

        public override TaskName Name => "test";

        public override string InstanceId => "cluster-c1";

        public override ParentOrchestrationInstance? Parent => null;

        public override DateTime CurrentUtcDateTime => new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

        public override bool IsReplaying => false;

        protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

        public override T? GetInput<T>() where T : default => default;

        public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
        {
            Calls.Add($"activity {name.Name}");
            return Task.FromResult(default(TResult)!);
        }

        public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        {
            Calls.Add("timer");
            return Task.CompletedTask;
        }

        public override void SetCustomStatus(object? customStatus) =>
            Calls.Add(customStatus is ClusterBuildStatus { Finished: true } ? "status finished" : "status");

        public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

        public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
            throw new NotSupportedException();

        public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

        public override Guid NewGuid() => Guid.Empty;
    }
}
