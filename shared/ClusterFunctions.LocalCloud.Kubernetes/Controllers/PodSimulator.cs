using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;

namespace ClusterFunctions.LocalCloud.Kubernetes.Controllers;

/// <summary>
/// Keeps the Pods a workload would have, so kubectl get pods shows them: named as the ReplicaSet
/// (name-hash-xxxxx) or StatefulSet (name-0) controller names them, Pending until the workload is
/// ready, then Running and Ready. Pods of an old template or beyond the replica count are deleted,
/// and a deleted workload's Pods go with it, as garbage collection would take them.
/// </summary>
internal sealed class PodSimulator(ObjectStore store, Func<string> now)
{
    public const string OwnerLabel = "localcloud.clusterfunctions.io/owner-uid";
    private static readonly ResourceType Pods = ResourceTypes.FindByKind("", "Pod")!;

    /// <summary>Makes the workload's Pods match its spec: <paramref name="replicas"/> Pods, ready or not.</summary>
    public void Sync(string kind, JsonObject workload, int replicas, bool ready)
    {
        var ns = workload["metadata"]!["namespace"]!.GetValue<string>();
        var name = workload["metadata"]!["name"]!.GetValue<string>();
        var uid = workload["metadata"]?["uid"]?.GetValue<string>() ?? "";
        var hash = WorkloadController.Hash(workload["spec"]?["template"]);
        var wanted = Enumerable.Range(0, replicas)
            .Select(i => kind == "StatefulSet" ? $"{name}-{i}" : $"{name}-{hash[..10]}-{WorkloadController.Hash(JsonValue.Create($"{hash}{i}"))[..5]}")
            .ToList();
        foreach (var pod in Owned(ns, uid))
        {
            var podName = pod["metadata"]!["name"]!.GetValue<string>();
            if (!wanted.Contains(podName) || pod["metadata"]?["labels"]?["pod-template-hash"]?.GetValue<string>() != hash[..10])
            {
                store.Delete(Pods, ns, podName);
            }
        }

        foreach (var podName in wanted)
        {
            var existing = store.Get(Pods, ns, podName);
            var pod = existing ?? NewPod(kind, workload, podName, uid, hash);
            var status = Status(workload, ready);
            if (existing is null || !JsonNode.DeepEquals(existing["status"]?["phase"], status["phase"]))
            {
                pod["status"] = status;
                store.Put(Pods, pod);
            }
        }
    }

    /// <summary>How many of the workload's Pods are running now (of any template).</summary>
    public int Running(JsonObject workload) =>
        Owned(workload["metadata"]!["namespace"]!.GetValue<string>(), workload["metadata"]?["uid"]?.GetValue<string>() ?? "")
            .Count(p => p["status"]?["phase"]?.GetValue<string>() == "Running");

    /// <summary>Deletes the Pods of a workload that is gone.</summary>
    public void Remove(JsonObject workload)
    {
        var ns = workload["metadata"]!["namespace"]!.GetValue<string>();
        foreach (var pod in Owned(ns, workload["metadata"]?["uid"]?.GetValue<string>() ?? ""))
        {
            store.Delete(Pods, ns, pod["metadata"]!["name"]!.GetValue<string>());
        }
    }

    private IEnumerable<JsonObject> Owned(string ns, string uid) =>
        store.List(Pods, ns).Items.Where(p => p["metadata"]?["labels"]?[OwnerLabel]?.GetValue<string>() == uid);

    private JsonObject NewPod(string kind, JsonObject workload, string podName, string uid, string hash)
    {
        var labels = workload["spec"]?["template"]?["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        labels[OwnerLabel] = uid;
        labels["pod-template-hash"] = hash[..10];
        var owner = kind == "StatefulSet"
            ? new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet", ["name"] = workload["metadata"]!["name"]!.DeepClone(), ["uid"] = uid, ["controller"] = true }
            : new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = $"{workload["metadata"]!["name"]}-{hash[..10]}", ["uid"] = uid, ["controller"] = true };
        var spec = workload["spec"]?["template"]?["spec"]?.DeepClone() as JsonObject ?? [];
        spec["nodeName"] = "localcloud-node";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = podName,
                ["namespace"] = workload["metadata"]!["namespace"]!.DeepClone(),
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = now(),
                ["generation"] = 1L,
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(owner),
            },
            ["spec"] = spec,
        };
    }

    private JsonObject Status(JsonObject workload, bool ready)
    {
        var containers = (workload["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();
        var flag = ready ? "True" : "False";
        return new JsonObject
        {
            ["phase"] = ready ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "PodScheduled", ["status"] = "True", ["lastTransitionTime"] = now() },
                new JsonObject { ["type"] = "ContainersReady", ["status"] = flag, ["lastTransitionTime"] = now() },
                new JsonObject { ["type"] = "Ready", ["status"] = flag, ["lastTransitionTime"] = now() }),
            ["containerStatuses"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c["name"]?.DeepClone(),
                ["image"] = c["image"]?.DeepClone(),
                ["ready"] = ready,
                ["started"] = ready,
                ["restartCount"] = 0,
                ["state"] = ready
                    ? new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now() } }
                    : new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
            })]),
        };
    }
}
