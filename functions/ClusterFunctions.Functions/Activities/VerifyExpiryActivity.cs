using ClusterFunctions.Functions.Ledger;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Checks the signature of an expiry a lease was handed (an activity: the key lives in storage, which an orchestrator may not read).</summary>
public sealed class VerifyExpiryActivity(RouteSignatures signatures)
{
    [Function(nameof(VerifyExpiryActivity))]
    public Task<bool> RunAsync([ActivityTrigger] VerifyExpiryRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        signatures.VerifyAsync(input.Signature, RouteSignatures.Expiry(input.InstanceId, input.RequestId, input.ExpiresAt), context.CancellationToken);
}
