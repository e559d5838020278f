using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

public class BuildProgressTests
{
    [Fact]
    public async Task Emit_AfterFinish_HasTheEventWaitForTheStoredFinishedStatus_InTheSameCheckpoint()
    {
        var context = new RecordingOrchestrationContext((_, _) => null,
            status => status is ClusterBuildStatus { Finished: true } ? "status finished" : "status");
        var progress = new BuildProgress(context, "create", "c1", "r1", "developer");

        progress.Finish();
        await progress.EmitAsync(ClusterEventTypes.Ready);

        // No timer turn between the status and the activity: the activity itself waits until the engine has stored it.
        Assert.Equal(["status finished", $"activity {nameof(PublishClusterEventActivity)}", "status finished"], context.Calls);
        var request = Assert.IsType<PublishClusterEventRequest>(Assert.Single(context.ActivityInputs));
        Assert.Equal(context.InstanceId, request.FinishedInstanceId);
    }
}
