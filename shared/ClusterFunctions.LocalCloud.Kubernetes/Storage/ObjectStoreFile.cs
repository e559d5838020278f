using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud.Kubernetes.Storage;

/// <summary>
/// A cluster's data directory: the stored objects in <c>objects.json</c>, rewritten after every write while the
/// store's lock is held (so before the API answers), the port in <c>endpoint.json</c>, and the lock that keeps a
/// second emulator out. Files are checksummed and replaced atomically (<see cref="StateFile"/>).
/// </summary>
internal sealed class ObjectStoreFile : IDisposable
{
    private const string ObjectsName = "objects.json";
    private const string EndpointName = "endpoint.json";
    private const string AdminTokenName = "admin-token";
    private readonly DataDirectoryLock _lock;
    private readonly ObjectStore _store;
    private readonly string _objectsPath;
    private long _savedRevision = -1;
    private bool _attached;

    private ObjectStoreFile(DataDirectoryLock directoryLock, ObjectStore store)
    {
        _lock = directoryLock;
        _store = store;
        _objectsPath = Path.Combine(directoryLock.Directory, ObjectsName);
    }

    /// <summary>Whether the store was filled from the directory (an emulator ran here before).</summary>
    public bool Restored { get; private set; }

    /// <summary>The port the emulator listened on last time, if it ran here before.</summary>
    public int? RecordedPort { get; private set; }

    /// <summary>Locks the directory and fills the empty store from it.</summary>
    public static ObjectStoreFile Open(string directory, ObjectStore store)
    {
        var file = new ObjectStoreFile(DataDirectoryLock.Acquire(directory, "Kubernetes API emulator"), store);
        try
        {
            file.Load();
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes the store now and after every change from here on.</summary>
    public void Attach()
    {
        lock (_store.SyncRoot)
        {
            Save();
            _store.Changed += OnChanged;
            _attached = true;
        }
    }

    /// <summary>The directory, for what is kept beside the objects (the TLS certificate).</summary>
    public string Directory => _lock.Directory;

    /// <summary>The admin token kept here, or <paramref name="create"/>'s, kept from now on.</summary>
    public string LoadOrCreateAdminToken(Func<string> create)
    {
        var path = Path.Combine(_lock.Directory, AdminTokenName);
        if (StateFile.Read(path) is { } stored)
        {
            return System.Text.Encoding.UTF8.GetString(stored);
        }

        var token = create();
        StateFile.Write(path, System.Text.Encoding.UTF8.GetBytes(token));
        return token;
    }

    public void RecordPort(int port) =>
        StateFile.Write(Path.Combine(_lock.Directory, EndpointName), JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["port"] = port }));

    public void Dispose()
    {
        if (_attached)
        {
            _store.Changed -= OnChanged;
            _attached = false;
        }

        _lock.Dispose();
    }

    private void Load()
    {
        var objects = StateFile.Read(_objectsPath);
        var endpoint = StateFile.Read(Path.Combine(_lock.Directory, EndpointName));
        try
        {
            RecordedPort = endpoint is null ? null : JsonNode.Parse(endpoint)!["port"]!.GetValue<int>();
            if (objects is not null)
            {
                _store.Restore(JsonNode.Parse(objects)!.AsObject());
                Restored = true;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new DataDirectoryException(
                $"The state in {_lock.Directory} passed its checksum but does not hold Kubernetes API emulator objects ({ex.Message}). Move the directory away to start empty.", ex);
        }
    }

    // Raised under the store's lock; one write can raise several (a controller reacting to it), saved once each.
    private void OnChanged(ResourceType type, JsonObject? previous, JsonObject? current) => Save();

    private void Save()
    {
        var revision = _store.Revision;
        if (revision == _savedRevision)
        {
            return;
        }

        StateFile.Write(_objectsPath, _store.Serialize());
        _savedRevision = revision;
    }
}
