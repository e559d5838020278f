using ClusterFunctions.Functions.Ledger;
using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Writes the cluster's <see cref="ClusterRecord"/>. Returns false when the name's record belongs to another request
/// (a newer cluster of the same name), which is left as it is.
/// </summary>
public sealed class RecordClusterActivity(ClusterRecords records, TimeProvider time)
{
    [Function(nameof(RecordClusterActivity))]
    public Task<bool> RunAsync([ActivityTrigger] RecordClusterRequest input, FunctionContext context) =>
        records.WriteAsync(new ClusterRecord(input.Request, input.Plan, time.GetUtcNow(), input.UpgradingTo), context.CancellationToken);
}
