using ClusterFunctions.Functions.Ledger;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Asks the Durable client about each build by id. (A status query over all instances is cheaper but missed builds
/// scheduled moments before on the Azure Storage provider, which let a burst of creates past the quota.)
/// </summary>
public sealed class DurableRunningBuilds(DurableTaskClient client) : IRunningBuilds
{
    public async Task<bool?> IsRunningAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken) is { } instance
            ? instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended
            : null;
}
