using ClusterFunctions.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Starts a Ready cluster's expiry lease (an activity: only a Durable client starts another orchestration without waiting for it).</summary>
public sealed class StartExpiryActivity(ClusterExpiries expiries)
{
    [Function(nameof(StartExpiryActivity))]
    public Task RunAsync([ActivityTrigger] StartExpiryRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        expiries.StartAsync(input, context.CancellationToken);
}
