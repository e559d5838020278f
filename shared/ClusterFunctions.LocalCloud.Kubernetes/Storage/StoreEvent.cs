using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Storage;

/// <summary>One change to a stored object, as a watch delivers it (ADDED, MODIFIED, DELETED).</summary>
internal sealed record StoreEvent(long Revision, string TypeId, string? Namespace, string Type, JsonObject Object);
