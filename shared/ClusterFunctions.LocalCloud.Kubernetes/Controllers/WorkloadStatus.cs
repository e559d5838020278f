using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Controllers;

/// <summary>The status blocks the real workload controllers write, for the states the emulator models.</summary>
internal static class WorkloadStatus
{
    public static JsonObject Ready(string kind, JsonObject workload, int replicas, string now)
    {
        var status = Counts(kind, workload, replicas, replicas);
        if (kind == "Deployment")
        {
            status["conditions"] = new JsonArray(
                Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now),
                Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{ReplicaSetName(workload)}\" has successfully progressed.", now));
        }

        return status;
    }

    public static JsonObject Progressing(string kind, JsonObject workload, int replicas, string now)
    {
        var status = Counts(kind, workload, replicas, 0);
        if (kind == "Deployment")
        {
            status["conditions"] = new JsonArray(
                Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now),
                Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{ReplicaSetName(workload)}\" is progressing.", now));
        }

        return status;
    }

    /// <summary>
    /// The new template's Pods are refused; <paramref name="stillRunning"/> Pods of the old one remain. The Deployment
    /// stays available while they cover all but its maxUnavailable (25 %, rounded down) replicas.
    /// </summary>
    public static JsonObject Refused(JsonObject workload, int replicas, int stillRunning, string message, string now)
    {
        var status = Counts("Deployment", workload, stillRunning, stillRunning);
        status["updatedReplicas"] = 0;
        if (replicas > stillRunning)
        {
            status["unavailableReplicas"] = replicas - stillRunning;
        }

        var available = stillRunning > 0 && stillRunning >= replicas - replicas / 4;
        status["conditions"] = new JsonArray(
            available
                ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now)
                : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now),
            Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{ReplicaSetName(workload)}\" is progressing.", now),
            Condition("ReplicaFailure", "True", "FailedCreate", message, now));
        return status;
    }

    private static JsonObject Counts(string kind, JsonObject workload, int replicas, int ready)
    {
        var status = new JsonObject
        {
            ["observedGeneration"] = workload["metadata"]?["generation"]?.GetValue<long>() ?? 1,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
        };
        if (kind == "Deployment" && replicas > ready)
        {
            status["unavailableReplicas"] = replicas - ready;
        }

        if (kind == "StatefulSet")
        {
            var revision = $"{workload["metadata"]?["name"]}-{WorkloadController.Hash(workload["spec"]?["template"])[..10]}";
            status["currentReplicas"] = ready;
            status["currentRevision"] = revision;
            status["updateRevision"] = revision;
        }

        return status;
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["reason"] = reason,
        ["message"] = message,
        ["lastUpdateTime"] = now,
        ["lastTransitionTime"] = now,
    };

    private static string ReplicaSetName(JsonObject workload) =>
        $"{workload["metadata"]?["name"]}-{WorkloadController.Hash(workload["spec"]?["template"])[..10]}";
}
