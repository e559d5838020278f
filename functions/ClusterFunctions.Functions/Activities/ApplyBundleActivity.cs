using ClusterFunctions.Core.Ports;
using ClusterFunctions.Durable;

namespace ClusterFunctions.Functions.Activities;

/// <summary>Server-side applies one bundle. Idempotent, so a retried or replayed activity changes nothing twice.</summary>
public sealed class ApplyBundleActivity(IClusterInfrastructure infrastructure, IManifestApplier applier) : TaskActivity<ApplyBundleRequest, BundleApplyResult>
{
    public override async Task<BundleApplyResult> RunAsync(TaskActivityContext context, ApplyBundleRequest input)
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
}
