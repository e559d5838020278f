using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using k8s;
using k8s.Autorest;

namespace ClusterFunctions.Kubernetes.Readiness;

/// <summary>
/// Checks a readiness gate once: reads each Deployment or StatefulSet, applies the readiness rules,
/// and for a StatefulSet that is not ready looks for the controller's FailedCreate events (its
/// only record of pods refused by admission). Times out when <c>elapsed</c> reaches the gate's timeout.
/// </summary>
public sealed class WorkloadReadinessProbe : IReadinessProbe
{
    /// <inheritdoc />
    public async Task<GateCheckResult> CheckAsync(ClusterConnection connection, ReadinessGate gate, TimeSpan elapsed, CancellationToken cancellationToken = default)
    {
        using var lease = KubernetesClients.Shared.Rent(connection);
        return await CheckAsync(lease.Client, gate, elapsed, cancellationToken);
    }

    /// <inheritdoc />
    public IGateWatch Watch(ClusterConnection connection, ReadinessGate gate) => new WorkloadWatch(connection, gate);

    internal static async Task<GateCheckResult> CheckAsync(IKubernetes client, ReadinessGate gate, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var workloads = new List<WorkloadReadiness>();
        foreach (var workload in gate.Workloads)
        {
            var (state, reason) = await CheckWorkloadAsync(client, workload, cancellationToken);
            workloads.Add(new WorkloadReadiness(workload, state, reason));
        }

        return Summarize(gate, elapsed, workloads);
    }

    internal static GateCheckResult Summarize(ReadinessGate gate, TimeSpan elapsed, List<WorkloadReadiness> workloads)
    {
        static string Describe(IEnumerable<WorkloadReadiness> items) =>
            string.Join("; ", items.Select(w => $"{w.Workload.Kind} {w.Workload.Namespace}/{w.Workload.Name}: {w.Reason}"));

        var failed = workloads.Where(w => w.State == GateState.Failed).ToList();
        if (failed.Count > 0)
        {
            return new GateCheckResult(GateState.Failed, Describe(failed), workloads);
        }

        var waiting = workloads.Where(w => w.State == GateState.NotReady).ToList();
        if (waiting.Count == 0)
        {
            return new GateCheckResult(GateState.Ready, "", workloads);
        }

        if (elapsed >= gate.Timeout)
        {
            var timedOut = workloads.Select(w => w.State == GateState.NotReady ? w with { State = GateState.Failed } : w).ToList();
            return new GateCheckResult(GateState.Failed, $"not ready after {gate.Timeout}: {Describe(waiting)}", timedOut);
        }

        return new GateCheckResult(GateState.NotReady, Describe(waiting), workloads);
    }

    private static async Task<(GateState, string)> CheckWorkloadAsync(IKubernetes client, WorkloadRef workload, CancellationToken cancellationToken)
    {
        var kind = workload.Kind switch
        {
            "Deployment" or "StatefulSet" => ResourceKinds.Find("apps/v1", workload.Kind),
            _ => throw new ArgumentException($"gate workload {workload.Namespace}/{workload.Name}: Kind \"{workload.Kind}\" must be Deployment or StatefulSet.", nameof(workload)),
        };
        var target = new KubernetesObjectRef(kind.ApiVersion, kind.Kind, workload.Namespace, workload.Name);
        try
        {
            var element = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                kind.Group, kind.Version, workload.Namespace, kind.Plural, workload.Name, cancellationToken);
            var obj = JsonNode.Parse(element.GetRawText())!.AsObject();
            if (kind.Kind == "Deployment")
            {
                return WorkloadRules.Deployment(obj);
            }

            var (state, reason) = WorkloadRules.StatefulSet(obj);
            return state == GateState.NotReady && await RefusalAsync(client, workload, cancellationToken) is { } refusal
                ? (GateState.Failed, $"FailedCreate: {refusal}")
                : (state, reason);
        }
        catch (HttpOperationException e) when (KubernetesErrors.IsNotFound(e))
        {
            return (GateState.NotReady, "not found");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrors.Wrap(e, "reading readiness of", target);
        }
    }

    private static async Task<string?> RefusalAsync(IKubernetes client, WorkloadRef workload, CancellationToken cancellationToken)
    {
        var events = await client.CoreV1.ListNamespacedEventAsync(
            workload.Namespace,
            fieldSelector: $"involvedObject.kind=StatefulSet,involvedObject.name={workload.Name}",
            cancellationToken: cancellationToken);
        return events.Items
            .Where(e => e.Reason == "FailedCreate" && e.Message?.Contains("forbidden", StringComparison.Ordinal) == true)
            .OrderByDescending(e => e.LastTimestamp)
            .Select(e => e.Message)
            .FirstOrDefault();
    }
}
