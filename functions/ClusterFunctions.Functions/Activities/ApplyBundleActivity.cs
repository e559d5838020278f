using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using System.Diagnostics;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Server-side applies one bundle, then checks its gate as <see cref="CheckReadinessActivity"/> does, waiting here up to
/// <see cref="BuildOptions.GateWaitPerCheck"/>. A separate first check was one more activity round trip (about 50 ms
/// through the task hub's queues) on every gated level of the critical path. Idempotent: a retry applies the same
/// objects again, which changes nothing, and reads the gate again.
/// </summary>
public sealed class ApplyBundleActivity(ClusterConnections connections, IManifestApplier applier, IReadinessProbe probe, IOptions<BuildOptions> options,
    TimeProvider time, TraceParents traceParents) : TracedActivity<ApplyBundleRequest, BundleInstallResult>(traceParents)
{
    [Function(nameof(ApplyBundleActivity))]
    public Task<BundleInstallResult> RunAsync([ActivityTrigger] ApplyBundleRequest input, [DurableClient] DurableTaskClient durableClient, FunctionContext context) =>
        RunTracedAsync(nameof(ApplyBundleActivity), input, context);

    protected override Task<BundleInstallResult> ExecuteAsync(ApplyBundleRequest input, CancellationToken cancellationToken) =>
        TransientFailures.RetryableAsync(() => connections.UseAsync(input.Infrastructure, async connection =>
        {
            var applied = await applier.ApplyBundleAsync(connection, input.ClusterName, input.Bundle, cancellationToken);
            var gate = input.Bundle.Gate is { } toCheck
                ? await ReadinessWait.CheckAsync(probe, connection, new CheckReadinessRequest(input.Infrastructure, toCheck, TimeSpan.Zero),
                    options.Value.GateWaitPerCheck, options.Value.GateCheckInterval, time, cancellationToken)
                : null;
            return new BundleInstallResult(applied, gate);
        }, cancellationToken));

    protected override void Describe(Activity? span, ApplyBundleRequest input) => span?.SetTag("clusterfunctions.bundle", input.Bundle.Name);
}
