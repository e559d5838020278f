using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// What the activities that reach a cluster through ARM share: a failure that may pass (ARM or the Kubernetes API
/// throttling, answering 5xx or unreachable while it restarts) becomes <see cref="TransientStepException"/>, which
/// the orchestrator's retry policy retries; anything else fails the step at once.
/// </summary>
internal static class TransientFailures
{
    public static async Task<T> RetryableAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
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
