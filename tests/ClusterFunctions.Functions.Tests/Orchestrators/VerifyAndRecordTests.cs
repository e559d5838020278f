using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

public class VerifyAndRecordTests
{
    private static readonly ClusterRequest Request = new("verify-1", "verify", "developer");

    private static readonly ClusterPlan Plan = ClusterPlanRenderer.Render(CatalogLoader.Load(TestApps.Catalog).Catalog, Request).Plan!;

    [Fact]
    public async Task TheRecordIsWritten_WhileTheClusterIsVerified()
    {
        // Verification answers only once the record has been asked for: one after the other, it never would.
        var recordAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new RecordingOrchestrationContext(Answer(problems: [], recorded: true))
        {
            Hold = activity =>
            {
                if (activity == nameof(RecordClusterActivity))
                {
                    recordAsked.SetResult();
                }

                return activity == nameof(VerifyClusterActivity) ? recordAsked.Task : Task.CompletedTask;
            },
        };

        var verification = await CreateCompleteClusterOrchestrator.VerifyAndRecordAsync(context, Steps(context), Request, Plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(verification.Problems);
        Assert.Equal([$"activity {nameof(VerifyClusterActivity)}", $"activity {nameof(RecordClusterActivity)}"], context.Calls);
    }

    [Fact]
    public async Task AClusterThatFailsVerification_HasItsRecordTakenBack()
    {
        var context = new RecordingOrchestrationContext(Answer(problems: ["redis: not ready"], recorded: true));

        var failure = await Assert.ThrowsAsync<StepFailedException>(() => CreateCompleteClusterOrchestrator.VerifyAndRecordAsync(context, Steps(context), Request, Plan));

        Assert.Equal("redis: not ready", failure.Cause);
        Assert.Equal([$"activity {nameof(VerifyClusterActivity)}", $"activity {nameof(RecordClusterActivity)}", $"activity {nameof(ForgetClusterActivity)}"], context.Calls);
        var forget = Assert.IsType<ForgetClusterRequest>(context.ActivityInputs[^1]);
        Assert.Equal((Request.ClusterName, Request.RequestId), (forget.ClusterName, forget.RequestId));
    }

    [Fact]
    public async Task AFailedVerification_LeavesARecordOfAnotherRequestAlone()
    {
        var context = new RecordingOrchestrationContext(Answer(problems: ["redis: not ready"], recorded: false));

        await Assert.ThrowsAsync<StepFailedException>(() => CreateCompleteClusterOrchestrator.VerifyAndRecordAsync(context, Steps(context), Request, Plan));

        Assert.DoesNotContain($"activity {nameof(ForgetClusterActivity)}", context.Calls);
    }

    private static Func<string, Type, object?> Answer(IReadOnlyList<string> problems, bool recorded) => (activity, _) => activity switch
    {
        nameof(VerifyClusterActivity) => new ClusterVerification("https://verify.test", 10, problems),
        nameof(RecordClusterActivity) => recorded,
        _ => null,
    };

    private static ClusterSteps Steps(RecordingOrchestrationContext context) => new(context,
        new BuildTimings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)),
        new InfrastructureRequest(Request.RequestId, Plan.Infrastructure),
        new BuildProgress(context, "create", Plan.ClusterName, Request.RequestId, "developer"));
}
