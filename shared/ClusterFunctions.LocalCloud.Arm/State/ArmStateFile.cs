using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.LocalCloud.Arm.State;

/// <summary>
/// The emulator's data directory: resource groups, managed clusters (their bodies carry the agent pools) and
/// long-running operations in <c>state.json</c>, the TLS certificate in <c>certificate.pfx</c>, and the lock
/// that keeps a second emulator out. The state is written before each answer that changed it leaves, so what a
/// client was told survives a kill; the certificate and port are kept so clients that pinned them keep working.
/// </summary>
internal sealed class ArmStateFile : IDisposable
{
    private const string StateName = "state.json";
    private readonly DataDirectoryLock _lock;
    private readonly string _statePath;
    private byte[] _written = [];

    private ArmStateFile(DataDirectoryLock directoryLock)
    {
        _lock = directoryLock;
        _statePath = Path.Combine(directoryLock.Directory, StateName);
    }

    /// <summary>The port the emulator listened on last time, if it ran here before.</summary>
    public int? RecordedPort { get; private set; }

    /// <summary>The port to record with the state.</summary>
    public int Port { get; set; }

    public static ArmStateFile Open(string directory) => new(DataDirectoryLock.Acquire(directory, "ARM emulator"));

    /// <summary>The certificate made on the first start here, or a new one when there is none or it is about to expire.</summary>
    public X509Certificate2 LoadOrCreateCertificate(TimeProvider time) => EmulatorCertificate.LoadOrCreate(_lock.Directory, ArmEmulator.CertificateSubject, time);

    /// <summary>
    /// Fills the empty state with what the directory holds and returns the clusters whose Kubernetes API was
    /// running, to be started again (the endpoint and its token are not stored).
    /// </summary>
    public IReadOnlyList<EmulatedCluster> Load(ArmState state)
    {
        if (StateFile.Read(_statePath) is not { } bytes)
        {
            return [];
        }

        var provisioned = new List<EmulatedCluster>();

        try
        {
            var root = JsonNode.Parse(bytes)!.AsObject();
            RecordedPort = root["port"]?.GetValue<int>();
            foreach (var node in root["resourceGroups"]!.AsArray())
            {
                var group = new ResourceGroupRecord(Text(node, "subscriptionId"), Text(node, "name"), Text(node, "location"), node!["tags"]?.DeepClone() as JsonObject);
                state.ResourceGroups[ArmState.GroupKey(group.SubscriptionId, group.Name)] = group;
            }

            foreach (var node in root["operations"]!.AsArray())
            {
                var operation = new EmulatedOperation(Text(node, "id"), Text(node, "location"), Text(node, "clusterKey"),
                    Enum.Parse<OperationKind>(Text(node, "kind")), Time(node!["startedAt"])!.Value, Time(node["dueAt"])!.Value)
                {
                    Status = Text(node, "status"),
                    EndedAt = Time(node["endedAt"]),
                    Failure = node["failure"] is JsonObject failure ? (Text(failure, "code"), Text(failure, "message")) : null,
                };
                state.Operations[operation.Id] = operation;
            }

            foreach (var node in root["clusters"]!.AsArray())
            {
                var cluster = new EmulatedCluster(Text(node, "subscriptionId"), Text(node, "resourceGroup"), Text(node, "name"), Text(node, "resourceId"))
                {
                    Body = node!["body"]!.DeepClone().AsObject(),
                    ProvisioningState = Text(node, "provisioningState"),
                    PowerState = Text(node, "powerState"),
                    Fqdn = Text(node, "fqdn"),
                    // The same object the operations table holds: polling an operation advances its cluster.
                    Operation = node["operationId"]?.GetValue<string>() is { } id ? state.Operations[id] : null,
                };
                state.Clusters[cluster.ResourceId] = cluster;
                if (node["apiProvisioned"]?.GetValue<bool>() == true)
                {
                    provisioned.Add(cluster);
                }
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException
            or KeyNotFoundException or ArgumentException or FormatException)
        {
            throw new DataDirectoryException(
                $"The state file {_statePath} passed its checksum but does not hold ARM emulator state ({ex.Message}). Move it away to start empty.", ex);
        }

        _written = bytes;
        return provisioned;
    }

    /// <summary>Writes the state if it changed since the last write.</summary>
    public void Save(ArmState state)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Serialize(state).ToJsonString());
        if (bytes.AsSpan().SequenceEqual(_written))
        {
            return;
        }

        StateFile.Write(_statePath, bytes);
        _written = bytes;
    }

    public void Dispose() => _lock.Dispose();

    private JsonObject Serialize(ArmState state) => new()
    {
        ["port"] = Port,
        ["resourceGroups"] = new JsonArray(state.ResourceGroups.Values.OrderBy(g => ArmState.GroupKey(g.SubscriptionId, g.Name), StringComparer.Ordinal)
            .Select(g => (JsonNode)new JsonObject
            {
                ["subscriptionId"] = g.SubscriptionId,
                ["name"] = g.Name,
                ["location"] = g.Location,
                ["tags"] = g.Tags?.DeepClone(),
            }).ToArray()),
        ["clusters"] = new JsonArray(state.Clusters.Values.OrderBy(c => c.ResourceId, StringComparer.Ordinal)
            .Select(c => (JsonNode)new JsonObject
            {
                ["subscriptionId"] = c.SubscriptionId,
                ["resourceGroup"] = c.ResourceGroup,
                ["name"] = c.Name,
                ["resourceId"] = c.ResourceId,
                ["body"] = c.Body.DeepClone(),
                ["provisioningState"] = c.ProvisioningState,
                ["powerState"] = c.PowerState,
                ["fqdn"] = c.Fqdn,
                ["operationId"] = c.Operation?.Id,
                // Whether to start its Kubernetes API again on restart; the endpoint itself (with its token) is not stored.
                ["apiProvisioned"] = c.Api is not null,
            }).ToArray()),
        ["operations"] = new JsonArray(state.Operations.Values.OrderBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => (JsonNode)new JsonObject
            {
                ["id"] = o.Id,
                ["location"] = o.Location,
                ["clusterKey"] = o.ClusterKey,
                ["kind"] = o.Kind.ToString(),
                ["startedAt"] = o.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                ["dueAt"] = o.DueAt.ToString("O", CultureInfo.InvariantCulture),
                ["status"] = o.Status,
                ["endedAt"] = o.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["failure"] = o.Failure is { } f ? new JsonObject { ["code"] = f.Code, ["message"] = f.Message } : null,
            }).ToArray()),
    };

    private static string Text(JsonNode? node, string name) => node![name]!.GetValue<string>();

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
