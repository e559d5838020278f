using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Admission;

/// <summary>A write as admission sees it: CREATE, UPDATE or DELETE of an object by a user.</summary>
internal sealed record AdmissionRequest(
    string Operation,
    ResourceType Type,
    string? Namespace,
    string Name,
    JsonObject? Object,
    JsonObject? OldObject,
    EmulatorIdentity User,
    bool DryRun);
