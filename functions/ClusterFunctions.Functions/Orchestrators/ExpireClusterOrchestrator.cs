using ClusterFunctions.Functions.Activities;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// A Ready cluster's expiry lease, one per cluster name. It waits on durable timers until the warning time and
/// publishes ClusterExpiring, then until the expiry and deletes the cluster through the same delete as
/// <c>./cluster delete</c> (reason "expired"). Meanwhile it listens for "extend": a signed extension moves the expiry,
/// re-arms the warning and continues as new, so the history stays one turn long however often it is extended.
/// It does nothing for a lease the app did not sign, nor to a cluster that is gone or another build's.
/// </summary>
public sealed class ExpireClusterOrchestrator : TaskOrchestrator<ExpiryLease, string>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(10, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(1)));

    [Function(nameof(ExpireClusterOrchestrator))]
    public static Task<string> RunFunctionAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ExpireClusterOrchestrator().RunAsync(context, context.GetInput<ExpiryLease>()
            ?? throw new InvalidOperationException("an expiry lease needs its ExpiryLease"));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ExpiryLease lease)
    {
        var logger = context.CreateReplaySafeLogger<ExpireClusterOrchestrator>();
        if (!await VerifyAsync(context, lease.RequestId, lease.ExpiresAt, lease.Signature))
        {
            logger.LogWarning("Expiry lease {InstanceId} was not started by the app; it deletes nothing", context.InstanceId);
            return "ignored: not signed by the app";
        }

        if (!lease.Warned)
        {
            if (await WaitAsync(context, lease, lease.ExpiresAt - lease.Warning))
            {
                return "extended";
            }

            if (!await context.CallActivityAsync<bool>(nameof(WarnExpiryActivity), lease, Retry))
            {
                return "ended: the cluster is gone";
            }

            lease = lease with { Warned = true };
        }

        if (await WaitAsync(context, lease, lease.ExpiresAt))
        {
            return "extended";
        }

        var outcome = await context.CallActivityAsync<string>(nameof(ExpireClusterActivity), lease, Retry);
        logger.LogInformation("Cluster {ClusterName} expired at {ExpiresAt}: {Outcome}", lease.ClusterName, lease.ExpiresAt, outcome);
        return outcome;
    }

    /// <summary>
    /// Waits until <paramref name="until"/> or an extension. True when the lease continued as new: extended, or having
    /// ignored an event the extend route did not sign (starting over keeps a flood of forged events out of the history).
    /// </summary>
    private static async Task<bool> WaitAsync(TaskOrchestrationContext context, ExpiryLease lease, DateTimeOffset until)
    {
        var remaining = until.UtcDateTime - context.CurrentUtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        ExpiryExtension extension;
        try
        {
            extension = await context.WaitForExternalEvent<ExpiryExtension>(ExpiryExtension.EventName, remaining);
        }
        catch (TaskCanceledException)
        {
            return false;
        }

        // Only an extension from the expiry in force counts: one computed from an older expiry lost a race with another
        // (its route tries again from the new one), and an old signed extension raised again must not apply twice.
        var logger = context.CreateReplaySafeLogger<ExpireClusterOrchestrator>();
        if (extension.From != lease.ExpiresAt)
        {
            logger.LogInformation("Cluster {ClusterName}: an extension by {By} from {From} came after the expiry moved to {ExpiresAt}; its route asks again", lease.ClusterName, extension.By, extension.From, lease.ExpiresAt);
            context.ContinueAsNew(lease);
        }
        else if (extension.ExpiresAt > lease.ExpiresAt && await VerifyAsync(context, lease.RequestId, extension.ExpiresAt, extension.Signature))
        {
            logger.LogInformation("Cluster {ClusterName} extended by {By} until {ExpiresAt}", lease.ClusterName, extension.By, extension.ExpiresAt);
            context.ContinueAsNew(lease with { ExpiresAt = extension.ExpiresAt, Signature = extension.Signature!, Warned = false, LastExtension = extension.Id });
        }
        else
        {
            logger.LogWarning("Expiry lease {InstanceId} ignored an extension not raised by the extend route (it named {ClaimedBy})", context.InstanceId, extension.By);
            context.ContinueAsNew(lease);
        }

        return true;
    }

    private static Task<bool> VerifyAsync(TaskOrchestrationContext context, string requestId, DateTimeOffset expiresAt, string? signature) =>
        context.CallActivityAsync<bool>(nameof(VerifyExpiryActivity), new VerifyExpiryRequest(context.InstanceId, requestId, expiresAt, signature), Retry);
}
