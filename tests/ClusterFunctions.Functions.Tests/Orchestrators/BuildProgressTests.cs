using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

public class BuildProgressTests
{
    [Fact]
    public async Task Emit_EndsTheCheckpointThatStoresTheFinishedStatus_BeforeTheEventIsScheduled()
    {
        var context = new RecordingOrchestrationContext((_, _) => null,
            status => status is ClusterBuildStatus { Finished: true } ? "status finished" : "status");
        var progress = new BuildProgress(context, "create", "c1", "r1", "developer");

        progress.Finish();
        await progress.EmitAsync(ClusterEventTypes.Ready);

        // Only an await that yields to the engine (a timer) between the status and the activity makes the engine store
        // the status before it sends the activity's message.
        Assert.Equal(["status finished", "timer", $"activity {nameof(PublishClusterEventActivity)}", "status finished"], context.Calls);
    }
}
