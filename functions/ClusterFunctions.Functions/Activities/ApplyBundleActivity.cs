using System.Diagnostics;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;
using ClusterFunctions.Functions.Telemetry;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Server-side applies one bundle. Idempotent, so a retried or replayed activity changes nothing twice.</summary>
public sealed class ApplyBundleActivity(IClusterInfrastructure infrastructure, IManifestApplier applier, TraceParents traceParents) : TracedActivity<ApplyBundleRequest, BundleApplyResult>(traceParents)
{
    protected override async Task<BundleApplyResult> ExecuteAsync(TaskActivityContext context, ApplyBundleRequest input)
    {
        try
        {
            using var connection = await infrastructure.ConnectAsync(input.Infrastructure, context.CancellationToken);
            return await applier.ApplyBundleAsync(connection, input.ClusterName, input.Bundle, context.CancellationToken);
        }
        catch (KubernetesApplyException e) when (e.Retryable)
        {
            throw new TransientStepException(e.Message, e);
        }
        catch (InfrastructureException e) when (e.Kind == InfrastructureErrorKind.RetryLater)
        {
            throw new TransientStepException(e.Message, e);
        }
    }

    protected override void Describe(Activity? span, ApplyBundleRequest input) => span?.SetTag("clusterfunctions.bundle", input.Bundle.Name);
}
