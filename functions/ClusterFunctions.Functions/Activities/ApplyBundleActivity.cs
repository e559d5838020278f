using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using System.Diagnostics;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Server-side applies one bundle. Idempotent, so a retried or replayed activity changes nothing twice.</summary>
public sealed class ApplyBundleActivity(ClusterConnections connections, IManifestApplier applier, TraceParents traceParents) : TracedActivity<ApplyBundleRequest, BundleApplyResult>(traceParents)
{
    [Function(nameof(ApplyBundleActivity))]
    public Task<BundleApplyResult> RunAsync([ActivityTrigger] ApplyBundleRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(ApplyBundleActivity), input, context);

    protected override Task<BundleApplyResult> ExecuteAsync(ApplyBundleRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(() => connections.UseAsync(input.Infrastructure,
            connection => applier.ApplyBundleAsync(connection, input.ClusterName, input.Bundle, cancellationToken), cancellationToken));

    protected override void Describe(Activity? span, ApplyBundleRequest input) => span?.SetTag("clusterfunctions.bundle", input.Bundle.Name);
}
