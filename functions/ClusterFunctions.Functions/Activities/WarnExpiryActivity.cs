using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Publishes ClusterExpiring for a lease's cluster; false when that cluster is gone (deleted, or its name rebuilt).</summary>
public sealed class WarnExpiryActivity(ClusterExpiries expiries)
{
    [Function(nameof(WarnExpiryActivity))]
    public Task<bool> RunAsync([ActivityTrigger] ExpiryLease input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        expiries.WarnAsync(input, context.CancellationToken);
}
