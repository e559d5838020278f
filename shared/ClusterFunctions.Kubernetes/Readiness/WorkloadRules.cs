using System.Text.Json.Nodes;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Kubernetes.Readiness;

/// <summary>
/// Pure readiness rules over a workload's JSON, the ones kubectl rollout status applies: the
/// controller observed the current generation, and enough replicas are updated and available.
/// A pod refused by admission (ReplicaFailure FailedCreate ... forbidden) will not fix itself, so it fails the gate.
/// </summary>
internal static class WorkloadRules
{
    public static (GateState State, string Reason) Deployment(JsonObject deployment)
    {
        if (NotObserved(deployment) is { } pending)
        {
            return (GateState.NotReady, pending);
        }

        var conditions = Conditions(deployment);
        if (conditions.TryGetValue("ReplicaFailure", out var failure) && failure.Status == "True")
        {
            var state = failure.Message.Contains("forbidden", StringComparison.Ordinal) ? GateState.Failed : GateState.NotReady;
            return (state, $"ReplicaFailure {failure.Reason}: {failure.Message}");
        }

        if (conditions.TryGetValue("Progressing", out var progressing) && progressing.Reason == "ProgressDeadlineExceeded")
        {
            return (GateState.Failed, $"ProgressDeadlineExceeded: {progressing.Message}");
        }

        var replicas = Int(deployment["spec"]?["replicas"]) ?? 1;
        var updated = Int(deployment["status"]?["updatedReplicas"]) ?? 0;
        var available = Int(deployment["status"]?["availableReplicas"]) ?? 0;
        var isAvailable = conditions.TryGetValue("Available", out var availableCondition) && availableCondition.Status == "True";
        if (isAvailable && updated >= replicas && available >= replicas)
        {
            return (GateState.Ready, "");
        }

        var detail = availableCondition.Reason is null ? "" : $" ({availableCondition.Reason}: {availableCondition.Message})";
        return (GateState.NotReady, $"{available} of {replicas} replicas available, {updated} updated{detail}");
    }

    public static (GateState State, string Reason) StatefulSet(JsonObject statefulSet)
    {
        if (NotObserved(statefulSet) is { } pending)
        {
            return (GateState.NotReady, pending);
        }

        var replicas = Int(statefulSet["spec"]?["replicas"]) ?? 1;
        var ready = Int(statefulSet["status"]?["readyReplicas"]) ?? 0;
        var updated = Int(statefulSet["status"]?["updatedReplicas"]) ?? 0;
        var current = statefulSet["status"]?["currentRevision"]?.GetValue<string>();
        var update = statefulSet["status"]?["updateRevision"]?.GetValue<string>();
        if (ready >= replicas && updated >= replicas && current == update)
        {
            return (GateState.Ready, "");
        }

        return (GateState.NotReady, $"{ready} of {replicas} replicas ready, {updated} updated");
    }

    private static string? NotObserved(JsonObject workload)
    {
        var generation = Long(workload["metadata"]?["generation"]) ?? 0;
        var observed = Long(workload["status"]?["observedGeneration"]) ?? 0;
        return observed < generation ? $"the controller has not observed generation {generation} yet (observed {observed})" : null;
    }

    private static Dictionary<string, (string Status, string Reason, string Message)> Conditions(JsonObject workload) =>
        (workload["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(c => c["type"] is not null)
            .ToDictionary(
                c => c["type"]!.GetValue<string>(),
                c => (c["status"]?.GetValue<string>() ?? "", c["reason"]?.GetValue<string>() ?? "", c["message"]?.GetValue<string>() ?? ""));

    private static int? Int(JsonNode? node) => (int?)Long(node);

    private static long? Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;
}
