using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Checks an approval event's signature (an activity: the key lives in storage, which an orchestrator may not read).</summary>
public sealed class VerifyApprovalActivity(RouteSignatures signatures, TraceParents traceParents) : TracedActivity<VerifyApprovalRequest, bool>(traceParents)
{
    [Function(nameof(VerifyApprovalActivity))]
    public Task<bool> RunAsync([ActivityTrigger] VerifyApprovalRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(VerifyApprovalActivity), input, context);

    protected override Task<bool> ExecuteAsync(VerifyApprovalRequest input, CancellationToken cancellationToken) =>
        signatures.VerifyAsync(input.Decision.Signature, RouteSignatures.Approval(input.InstanceId, input.Decision), cancellationToken);
}
