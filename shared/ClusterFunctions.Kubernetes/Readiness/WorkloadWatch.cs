using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using k8s;

namespace ClusterFunctions.Kubernetes.Readiness;

/// <summary>
/// Watches each workload of a gate (a Kubernetes watch per workload, selected by name) and counts every event as a
/// change, as <c>kubectl rollout status</c> waits. Its first events are the workloads as they are now (a watch with no
/// resourceVersion starts with them), so the wait reads once more at the start: one read against the interval's worth
/// of lateness it saves. A watch that fails or ends is not reopened: the wait reads once more, and its interval covers the
/// rest of the wait.
/// </summary>
internal sealed class WorkloadWatch : ChangeSignal
{
    /// <summary>Past the longest wait per check (a minute), so the server does not end a watch in use.</summary>
    private const int ServerTimeoutSeconds = 90;

    private readonly KubernetesClients.Lease lease;
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] watching;

    public WorkloadWatch(ClusterConnection connection, ReadinessGate gate)
    {
        lease = KubernetesClients.Shared.Rent(connection);
        watching = gate.Workloads.Select(workload => WatchAsync(lease.Client, workload, stop.Token)).ToArray();
    }

    public override async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(watching);
        stop.Dispose();
        lease.Dispose();
        await base.DisposeAsync();
    }

    private async Task WatchAsync(IKubernetes client, WorkloadRef workload, CancellationToken cancellationToken)
    {
        if (workload.Kind is not ("Deployment" or "StatefulSet"))
        {
            return; // the check itself says what is wrong with the gate
        }

        var kind = ResourceKinds.Find("apps/v1", workload.Kind);
        try
        {
            await foreach (var _ in client.CustomObjects.WatchListNamespacedCustomObjectAsync(kind.Group, kind.Version, workload.Namespace, kind.Plural,
                fieldSelector: $"metadata.name={workload.Name}", timeoutSeconds: ServerTimeoutSeconds, cancellationToken: cancellationToken))
            {
                Change();
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            return; // stopped: the watch is being disposed
        }
        catch (Exception)
        {
            // Refused or dropped: handled below, as a watch that ended.
        }

        // Not reopened: the wait goes on at its interval, as it did before watching. It reads once more at once, as for a
        // change, since whatever ended the watch may have come with one.
        Change();
    }
}
