using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Reconcile;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// A Ready cluster's reconcile loop, one per cluster name: waits its profile's interval on a durable timer, checks the
/// cluster against its recorded plan (<see cref="CheckClusterDriftActivity"/>), shows the outcome as its custom status
/// (the cluster's status reads it), announces a new drift once and a repair each time, then continues as new, so its
/// history stays one turn long. It ends when the cluster is deleted, replaced or no longer reconciled.
/// </summary>
public sealed class ReconcileClusterOrchestrator : TaskOrchestrator<ReconcileLease, string>
{
    private const int ShownDifferences = 20;
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30)));

    [Function(nameof(ReconcileClusterOrchestrator))]
    public static Task<string> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReconcileClusterOrchestrator().RunAsync(context, context.GetInput<ReconcileLease>()
            ?? throw new InvalidOperationException("a reconcile loop needs its ReconcileLease"));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ReconcileLease lease)
    {
        var logger = context.CreateReplaySafeLogger<ReconcileClusterOrchestrator>();
        await context.CreateTimer(lease.Interval, CancellationToken.None);
        DriftReport report;
        try
        {
            report = await context.CallActivityAsync<DriftReport>(nameof(CheckClusterDriftActivity), lease, Retry);
        }
        catch (TaskFailedException e)
        {
            // One failed check must not end the loop: the next interval tries again.
            logger.LogWarning("Reconcile check of {ClusterName} failed: {Error}", lease.ClusterName, e.FailureDetails.ErrorMessage);
            context.ContinueAsNew(lease);
            return "check failed";
        }

        if (report.State == DriftReport.Ended)
        {
            logger.LogInformation("Reconcile loop of {ClusterName} ended: {Reason}", lease.ClusterName, report.Differences[0]);
            return report.Differences[0];
        }

        var policy = report.Policy!;
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        context.SetCustomStatus(new ReconcileStatus(lease.RequestId, report.State, Shown(report.Differences), now, policy.Mode.ToString().ToLowerInvariant(), Core.Requests.Ttl.Format(policy.Interval)));
        string? reported;
        try
        {
            reported = await AnnounceAsync(context, lease, report, now);
        }
        catch (TaskFailedException e)
        {
            // Not announced: the next check finds the drift new again and tries once more.
            logger.LogWarning("Reconcile of {ClusterName} could not publish its event: {Error}", lease.ClusterName, e.FailureDetails.ErrorMessage);
            reported = lease.ReportedDrift;
        }

        context.ContinueAsNew(lease with { Interval = policy.Interval, ReportedDrift = reported });
        return report.State;
    }

    /// <summary>
    /// Publishes what is new: a drift not announced before (a repair's drift included), then the repair. Returns the
    /// drift now announced and still there, so the next check stays quiet about it; a cluster back to Ready forgets it,
    /// and the same drift later is a new one. An unreachable or upgrading cluster changes nothing.
    /// </summary>
    private static async Task<string?> AnnounceAsync(TaskOrchestrationContext context, ReconcileLease lease, DriftReport report, DateTimeOffset now)
    {
        var found = report.FoundBeforeRepair.Count > 0 ? report.FoundBeforeRepair : report.State is DriftReport.Drifted or DriftReport.Missing ? report.Differences : [];
        var fingerprint = DriftReport.FingerprintOf(found);
        if (found.Count > 0 && fingerprint != lease.ReportedDrift)
        {
            context.CreateReplaySafeLogger<ReconcileClusterOrchestrator>().LogWarning("Cluster {ClusterName} drifted from its plan: {Drift}", lease.ClusterName, string.Join("; ", Shown(found)));
            await PublishAsync(context, ClusterEventTypes.Drifted, lease, report, found, now);
        }

        if (report.Repaired.Count > 0)
        {
            await PublishAsync(context, ClusterEventTypes.Repaired, lease, report, report.Repaired, now);
        }

        return report.State switch
        {
            DriftReport.Ready => null,
            DriftReport.Drifted or DriftReport.Missing => report.Repaired.Count > 0 ? report.Fingerprint : fingerprint,
            _ => lease.ReportedDrift,
        };
    }

    private static Task PublishAsync(TaskOrchestrationContext context, string eventType, ReconcileLease lease, DriftReport report, IReadOnlyList<string> drift, DateTimeOffset now)
    {
        var data = new ClusterEventData(lease.RequestId, lease.ClusterName, report.Profile, report.ProfileVersion, [], new Dictionary<string, string>(), null)
        {
            Drift = Shown(drift),
            CheckedAt = now,
        };
        return context.CallActivityAsync<string>(nameof(PublishClusterEventActivity), new PublishClusterEventRequest(eventType, data), Retry);
    }

    private static IReadOnlyList<string> Shown(IReadOnlyList<string> differences) =>
        differences.Count <= ShownDifferences ? differences : [.. differences.Take(ShownDifferences), $"… and {differences.Count - ShownDifferences} more"];
}
