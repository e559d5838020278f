using ClusterFunctions.Functions.Ledger;
using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Removes a deleted cluster's <see cref="ClusterRecord"/>, so nothing reconciles or upgrades it any more.</summary>
public sealed class ForgetClusterActivity(ClusterRecords records)
{
    [Function(nameof(ForgetClusterActivity))]
    public Task RunAsync([ActivityTrigger] ForgetClusterRequest input, FunctionContext context) =>
        records.ForgetAsync(input.ClusterName, input.RequestId, context.CancellationToken);
}
