using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Storage;

/// <summary>
/// The emulator's etcd: objects by resource, one global resourceVersion counter, a bounded event
/// history for watches that resume from a revision. Callers hold <see cref="SyncRoot"/> around a
/// read-modify-write so concurrency checks and writes are atomic.
/// </summary>
internal sealed class ObjectStore
{
    private const int HistoryLimit = 5000;
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly List<WatchSubscription> _watchers = [];
    private long _revision = 1;
    private long _compactedThrough;

    /// <summary>Raised under the lock after every write: (resource, previous object, new object or null when deleted).</summary>
    public event Action<ResourceType, JsonObject?, JsonObject?>? Changed;

    public object SyncRoot { get; } = new();

    public long Revision
    {
        get
        {
            lock (SyncRoot)
            {
                return _revision;
            }
        }
    }

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (SyncRoot)
        {
            return Bucket(type).TryGetValue(Key(ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public (List<JsonObject> Items, long Revision) List(ResourceType type, string? ns)
    {
        lock (SyncRoot)
        {
            var items = Bucket(type).Values
                .Where(o => ns is null || o["metadata"]?["namespace"]?.GetValue<string>() == ns)
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
            return (items, _revision);
        }
    }

    /// <summary>Stores the object under a new resourceVersion and tells watchers; returns the stored copy.</summary>
    public JsonObject Put(ResourceType type, JsonObject obj)
    {
        lock (SyncRoot)
        {
            var metadata = (JsonObject)obj["metadata"]!;
            var ns = metadata["namespace"]?.GetValue<string>();
            var name = metadata["name"]!.GetValue<string>();
            var key = Key(ns, name);
            var bucket = Bucket(type);
            bucket.TryGetValue(key, out var previous);
            metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            var stored = (JsonObject)obj.DeepClone();
            bucket[key] = stored;
            Publish(new StoreEvent(_revision, type.Id, ns, previous is null ? "ADDED" : "MODIFIED", (JsonObject)stored.DeepClone()));
            Changed?.Invoke(type, previous, stored);
            return (JsonObject)stored.DeepClone();
        }
    }

    public JsonObject? Delete(ResourceType type, string? ns, string name)
    {
        lock (SyncRoot)
        {
            if (!Bucket(type).Remove(Key(ns, name), out var removed))
            {
                return null;
            }

            removed["metadata"]!["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
            Publish(new StoreEvent(_revision, type.Id, ns, "DELETED", (JsonObject)removed.DeepClone()));
            Changed?.Invoke(type, removed, null);
            return removed;
        }
    }

    /// <summary>
    /// Opens a watch. Without a revision it first replays every current object as ADDED (what
    /// kube-apiserver does for resourceVersion unset or "0"); with one, it replays history after it.
    /// Returns null when that revision is older than the retained history (410 Expired).
    /// </summary>
    public WatchSubscription? Watch(ResourceType type, string? ns, long? fromRevision)
    {
        lock (SyncRoot)
        {
            if (fromRevision is { } from && from > 0 && from < _compactedThrough)
            {
                return null;
            }

            var subscription = new WatchSubscription(type.Id, ns, Unsubscribe);
            if (fromRevision is null or 0)
            {
                foreach (var obj in List(type, ns).Items)
                {
                    subscription.Offer(new StoreEvent(_revision, type.Id, ns, "ADDED", obj));
                }
            }
            else
            {
                foreach (var e in _history.Where(e => e.Revision > fromRevision))
                {
                    subscription.Offer(e);
                }
            }

            _watchers.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Every stored object and the revision counter as UTF-8 JSON, for a data directory (read back by <see cref="Restore"/>).</summary>
    public byte[] Serialize()
    {
        lock (SyncRoot)
        {
            using var buffer = new MemoryStream();
            using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("revision", _revision);
                json.WriteStartObject("objects");
                foreach (var (typeId, bucket) in _objects.OrderBy(b => b.Key, StringComparer.Ordinal).Where(b => b.Value.Count > 0))
                {
                    json.WriteStartArray(typeId);
                    foreach (var obj in bucket.Values)
                    {
                        obj.WriteTo(json);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            return buffer.ToArray();
        }
    }

    /// <summary>
    /// Fills an empty store from <see cref="Serialize"/>'s output. The watch history is not kept, so the restored
    /// revision is where history starts: a watch resuming from before it gets 410 Expired and lists again, as
    /// after an etcd compaction.
    /// </summary>
    public void Restore(JsonObject snapshot)
    {
        lock (SyncRoot)
        {
            if (_objects.Count > 0)
            {
                throw new InvalidOperationException("Restore needs an empty store.");
            }

            _revision = snapshot["revision"]!.GetValue<long>();
            _compactedThrough = _revision;
            foreach (var (typeId, items) in snapshot["objects"]!.AsObject())
            {
                var bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                foreach (var obj in items!.AsArray().Select(o => o!.AsObject()))
                {
                    var metadata = obj["metadata"]!;
                    bucket[Key(metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>())] = (JsonObject)obj.DeepClone();
                }

                _objects[typeId] = bucket;
            }
        }
    }

    /// <summary>Ends every open watch stream (fault injection).</summary>
    public void DropWatches()
    {
        lock (SyncRoot)
        {
            foreach (var watcher in _watchers.ToList())
            {
                watcher.Drop();
            }
        }
    }

    private void Publish(StoreEvent e)
    {
        _history.AddLast(e);
        if (_history.Count > HistoryLimit)
        {
            _compactedThrough = _history.First!.Value.Revision;
            _history.RemoveFirst();
        }

        foreach (var watcher in _watchers)
        {
            watcher.Offer(e);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (SyncRoot)
        {
            _watchers.Remove(subscription);
        }
    }

    private SortedDictionary<string, JsonObject> Bucket(ResourceType type)
    {
        if (!_objects.TryGetValue(type.Id, out var bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[type.Id] = bucket;
        }

        return bucket;
    }

    private static string Key(string? ns, string name) => $"{ns}/{name}";
}
