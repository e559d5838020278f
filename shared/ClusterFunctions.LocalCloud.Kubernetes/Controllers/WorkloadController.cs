using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;

namespace ClusterFunctions.LocalCloud.Kubernetes.Controllers;

/// <summary>
/// Stands in for the Deployment, ReplicaSet and StatefulSet controllers: when a workload's spec
/// changes it either reports the pods refused by Pod Security (a ReplicaFailure condition on a
/// Deployment, whose old Pods keep running as in a rolling update; a FailedCreate event for a
/// StatefulSet, as the real controllers do) or marks the workload progressing and, after the
/// configured readiness delay, ready.
/// </summary>
internal sealed class WorkloadController : IDisposable
{
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _readinessDelay;
    private readonly Dictionary<string, ITimer> _pending = [];
    private readonly PodSimulator _pods;
    private static readonly ResourceType Events = ResourceTypes.FindByKind("", "Event")!;

    public WorkloadController(ObjectStore store, TimeProvider time, TimeSpan readinessDelay)
    {
        (_store, _time, _readinessDelay) = (store, time, readinessDelay);
        _pods = new PodSimulator(store, Now);
        _store.Changed += OnChanged;
    }

    public void Dispose()
    {
        _store.Changed -= OnChanged;
        lock (_store.SyncRoot)
        {
            foreach (var timer in _pending.Values)
            {
                timer.Dispose();
            }

            _pending.Clear();
        }
    }

    /// <summary>
    /// Picks up the workloads of a store restored from a data directory that were not ready yet: their readiness
    /// timers did not survive the restart, so they start again (and Pod Security is evaluated again).
    /// </summary>
    public void Resume()
    {
        lock (_store.SyncRoot)
        {
            foreach (var type in ResourceTypes.All.Where(t => t.Kind is "Deployment" or "StatefulSet"))
            {
                foreach (var workload in _store.List(type, null).Items.Where(w => !IsReady(w)))
                {
                    OnChanged(type, null, workload);
                }
            }
        }
    }

    private static bool IsReady(JsonObject workload) =>
        workload["status"]?["observedGeneration"]?.GetValue<long>() == Generation(workload)
        && workload["status"]?["readyReplicas"]?.GetValue<int>() == (workload["spec"]?["replicas"]?.GetValue<int>() ?? 1);

    private void OnChanged(ResourceType type, JsonObject? previous, JsonObject? current)
    {
        if (type.Kind is not ("Deployment" or "StatefulSet"))
        {
            return;
        }

        var key = $"{type.Id}/{previous?["metadata"]?["namespace"] ?? current?["metadata"]?["namespace"]}/{(previous ?? current)!["metadata"]!["name"]}";
        if (current is null || Generation(previous) == Generation(current))
        {
            if (current is null)
            {
                Cancel(key);
                _pods.Remove(previous!);
            }

            return;
        }

        Cancel(key);
        var ns = current["metadata"]!["namespace"]!.GetValue<string>();
        var podSpec = current["spec"]?["template"]?["spec"] as JsonObject ?? [];
        var refusal = PodSecurityEvaluator.Evaluate(_store.Get(ResourceTypes.Namespaces, null, ns), podSpec);
        var replicas = current["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        if (refusal is not null)
        {
            Refuse(type, current, replicas, refusal);
        }
        else if (_readinessDelay <= TimeSpan.Zero || replicas == 0)
        {
            _pods.Sync(type.Kind, current, replicas, ready: true);
            WriteStatus(type, current, WorkloadStatus.Ready(type.Kind, current, replicas, Now()));
        }
        else
        {
            _pods.Sync(type.Kind, current, replicas, ready: false);
            WriteStatus(type, current, WorkloadStatus.Progressing(type.Kind, current, replicas, Now()));
            var generation = Generation(current);
            var name = current["metadata"]!["name"]!.GetValue<string>();
            _pending[key] = _time.CreateTimer(_ => BecomeReady(type, key, ns, name, generation, replicas), null, _readinessDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void BecomeReady(ResourceType type, string key, string ns, string name, long generation, int replicas)
    {
        lock (_store.SyncRoot)
        {
            _pending.Remove(key, out var timer);
            timer?.Dispose();
            var live = _store.Get(type, ns, name);
            if (live is not null && Generation(live) == generation)
            {
                _pods.Sync(type.Kind, live, replicas, ready: true);
                WriteStatus(type, live, WorkloadStatus.Ready(type.Kind, live, replicas, Now()));
            }
        }
    }

    private void Refuse(ResourceType type, JsonObject workload, int replicas, string refusal)
    {
        var name = workload["metadata"]!["name"]!.GetValue<string>();
        var ns = workload["metadata"]!["namespace"]!.GetValue<string>();
        var hash = Hash(workload["spec"]?["template"]);
        if (type.Kind == "Deployment")
        {
            // A rolling update whose new ReplicaSet cannot create Pods leaves the old ReplicaSet's Pods running.
            var podName = $"{name}-{hash[..10]}-{hash[10..15]}";
            WriteStatus(type, workload, WorkloadStatus.Refused(workload, replicas, _pods.Running(workload), $"pods \"{podName}\" is forbidden: {refusal}", Now()));
            return;
        }

        // A StatefulSet's rolling update deletes a Pod before creating its replacement, which is then refused.
        _pods.Sync(type.Kind, workload, 0, ready: false);
        WriteStatus(type, workload, WorkloadStatus.Progressing(type.Kind, workload, 0, Now()));
        var message = $"create Pod {name}-0 in StatefulSet {name} failed error: pods \"{name}-0\" is forbidden: {refusal}";
        _store.Put(Events, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{hash[..16]}", ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString() },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = "apps/v1", ["kind"] = "StatefulSet", ["namespace"] = ns, ["name"] = name,
                ["uid"] = workload["metadata"]?["uid"]?.DeepClone(),
            },
            ["reason"] = "FailedCreate",
            ["message"] = message,
            ["type"] = "Warning",
            ["source"] = new JsonObject { ["component"] = "statefulset-controller" },
            ["count"] = 1,
            ["firstTimestamp"] = Now(),
            ["lastTimestamp"] = Now(),
        });
    }

    private void WriteStatus(ResourceType type, JsonObject workload, JsonObject status)
    {
        var updated = (JsonObject)workload.DeepClone();
        updated["status"] = status;
        _store.Put(type, updated);
    }

    private void Cancel(string key)
    {
        if (_pending.Remove(key, out var timer))
        {
            timer.Dispose();
        }
    }

    private string Now() => _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static long Generation(JsonObject? obj) => obj?["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    internal static string Hash(JsonNode? node) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "")));
}
