using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

public class StartLeasesTests
{
    private static readonly ClusterPlan Plan = ClusterPlanRenderer.Render(CatalogLoader.Load(TestApps.Catalog).Catalog, new ClusterRequest("leases-1", "leases", "developer")).Plan! with
    {
        Ttl = TimeSpan.FromHours(8),
        Reconcile = new ReconcilePolicy(TimeSpan.FromMinutes(5), ReconcileMode.Report),
    };

    [Fact]
    public async Task TheExpiryLeaseAndTheReconcileLoop_StartTogether_TheLeaseScheduledFirst()
    {
        // The lease's start answers only once the loop's has been asked for: one after the other, it never would.
        var loopAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new RecordingOrchestrationContext((_, _) => null)
        {
            Hold = activity =>
            {
                if (activity == nameof(StartReconcileActivity))
                {
                    loopAsked.SetResult();
                }

                return activity == nameof(StartExpiryActivity) ? loopAsked.Task : Task.CompletedTask;
            },
        };

        await CreateCompleteClusterOrchestrator.StartLeasesAsync(context, Plan).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([$"activity {nameof(StartExpiryActivity)}", $"activity {nameof(StartReconcileActivity)}"], context.Calls);
    }

    [Fact]
    public async Task AProfileWithoutTtlOrReconcile_StartsNothing()
    {
        var context = new RecordingOrchestrationContext((_, _) => null);

        await CreateCompleteClusterOrchestrator.StartLeasesAsync(context, Plan with { Ttl = null, Reconcile = null });

        Assert.Empty(context.Calls);
    }
}
