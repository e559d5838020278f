using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Catalog;

/// <summary>
/// Reads profiles. A profile file may be partial (it extends another), so a single file is checked
/// for shape only; required fields are checked once the <c>extends</c> chain is merged.
/// </summary>
internal static class ProfileParser
{
    private static readonly string[] ProfileKeys = ["kind", "name", "abstract", "extends", "description", "infrastructure", "apps", "policies", "onFailure", "requesters", "approval", "ttl", "reconcile", "rollout"];
    private static readonly string[] InfrastructureKeys = ["provider", "subscriptionId", "resourceGroup", "region", "kubernetesVersion", "tier", "networkPolicy", "nodePools", "kubeconfig", "allowedRegions"];
    private static readonly string[] PoolKeys = ["name", "mode", "vmSize", "minCount", "maxCount", "gpu", "labels", "taints"];

    /// <summary>Checks one (possibly partial) profile file: known fields and types only.</summary>
    public static void CheckShape(DocumentReader reader, JsonObject root) => Read(reader, root, merged: false);

    /// <summary>Reads a merged profile, requiring every field a build needs.</summary>
    public static ProfileDefinition Read(DocumentReader reader, JsonObject root, bool merged = true)
    {
        reader.OnlyKnownKeys(root, "", ProfileKeys);
        reader.Boolean(root, "", "abstract");
        reader.String(root, "", "extends", required: false);
        var infrastructure = reader.Object(root, "", "infrastructure", required: merged) ?? [];
        var onFailure = reader.String(root, "", "onFailure", required: false) ?? "teardown";
        if (onFailure is not ("teardown" or "keep"))
        {
            reader.Problem("onFailure", "must be teardown or keep");
        }

        return new ProfileDefinition(
            reader.String(root, "", "name", required: true) ?? "",
            reader.File,
            reader.String(root, "", "description", required: false) ?? "",
            ReadInfrastructure(reader, infrastructure, merged),
            ReadSelections(reader, root, "apps"),
            ReadSelections(reader, root, "policies"),
            onFailure == "keep" ? FailurePolicy.Keep : FailurePolicy.TearDown,
            reader.StringList(root, "", "requesters"),
            ReadApproval(reader, root),
            ReadTtl(reader, root),
            ReconcileParser.Read(reader, root),
            ReadRollout(reader, root));
    }

    private static RolloutMode ReadRollout(DocumentReader reader, JsonObject root)
    {
        var text = reader.String(root, "", "rollout", required: false);
        switch (text)
        {
            case null or "manual":
                return RolloutMode.Manual;
            case "auto":
                return RolloutMode.Auto;
            default:
                reader.Problem("rollout", $"must be auto or manual, got '{text}'");
                return RolloutMode.Manual;
        }
    }

    private static TimeSpan? ReadTtl(DocumentReader reader, JsonObject root)
    {
        var text = reader.String(root, "", "ttl", required: false);
        var ttl = Ttl.Parse(text);
        if (text is not null && ttl is null)
        {
            reader.Problem("ttl", $"{Ttl.Rule}, got '{text}'");
        }

        return ttl;
    }

    private static ApprovalPolicy? ReadApproval(DocumentReader reader, JsonObject root)
    {
        var block = reader.Object(root, "", "approval", required: false);
        if (block is null)
        {
            return null;
        }

        reader.OnlyKnownKeys(block, "approval", "required", "approvers", "timeoutSeconds");
        var approvers = reader.StringList(block, "approval", "approvers");
        var timeout = reader.Integer(block, "approval", "timeoutSeconds", required: false) ?? 3600;
        if (timeout is < 5 or > 7 * 24 * 3600)
        {
            reader.Problem("approval.timeoutSeconds", "must be between 5 and 604800 (a week)");
        }

        if (reader.Boolean(block, "approval", "required") == false)
        {
            return null;
        }

        if (approvers.Count == 0)
        {
            reader.Problem("approval.approvers", "must name at least one role or group when approval is required");
        }

        return new ApprovalPolicy(approvers, timeout);
    }

    private static InfrastructureDefinition ReadInfrastructure(DocumentReader reader, JsonObject node, bool merged)
    {
        const string path = "infrastructure";
        reader.OnlyKnownKeys(node, path, InfrastructureKeys);
        var provider = reader.String(node, path, "provider", required: merged) ?? InfrastructureProviders.Aks;
        if (provider is not (InfrastructureProviders.Aks or InfrastructureProviders.Existing))
        {
            reader.Problem($"{path}.provider", "must be aks or existing");
        }

        var aks = merged && provider == InfrastructureProviders.Aks;
        var kubeconfig = reader.Object(node, path, "kubeconfig", required: merged && provider == InfrastructureProviders.Existing);
        if (kubeconfig is not null)
        {
            reader.OnlyKnownKeys(kubeconfig, $"{path}.kubeconfig", "path", "context");
        }

        var region = reader.String(node, path, "region", required: aks) ?? "";
        var allowedRegions = reader.StringList(node, path, "allowedRegions");
        return new InfrastructureDefinition(
            provider,
            reader.String(node, path, "subscriptionId", required: aks) ?? "",
            reader.String(node, path, "resourceGroup", required: aks) ?? "",
            region,
            reader.String(node, path, "kubernetesVersion", required: aks) ?? "",
            reader.String(node, path, "tier", required: false) ?? "Standard",
            reader.String(node, path, "networkPolicy", required: false) ?? "cilium",
            ReadPools(reader, node, merged),
            kubeconfig is null ? null : reader.String(kubeconfig, $"{path}.kubeconfig", "path", required: true),
            kubeconfig is null ? null : reader.String(kubeconfig, $"{path}.kubeconfig", "context", required: false),
            allowedRegions.Count > 0 ? allowedRegions : [region]);
    }

    private static List<NodePoolDefinition> ReadPools(DocumentReader reader, JsonObject node, bool merged)
    {
        var pools = new List<NodePoolDefinition>();
        var list = reader.Array(node, "infrastructure", "nodePools", required: false) ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"infrastructure.nodePools[{i}]";
            if (list[i] is not JsonObject pool)
            {
                reader.Problem(path, "must be a mapping");
                continue;
            }

            reader.OnlyKnownKeys(pool, path, PoolKeys);
            pools.Add(new NodePoolDefinition(
                reader.String(pool, path, "name", required: true) ?? "",
                reader.String(pool, path, "mode", required: merged) ?? "User",
                reader.String(pool, path, "vmSize", required: merged) ?? "",
                reader.Integer(pool, path, "minCount", required: merged) ?? 0,
                reader.Integer(pool, path, "maxCount", required: merged) ?? 0,
                reader.Boolean(pool, path, "gpu") ?? false,
                reader.StringMap(pool, path, "labels"),
                reader.StringList(pool, path, "taints")));
        }

        return pools;
    }

    private static List<BundleSelection> ReadSelections(DocumentReader reader, JsonObject root, string key)
    {
        var selections = new List<BundleSelection>();
        var list = reader.Array(root, "", key, required: false) ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (list[i] is not JsonObject item)
            {
                reader.Problem(path, "must be a mapping with name (and optional parameters)");
                continue;
            }

            reader.OnlyKnownKeys(item, path, "name", "parameters");
            var parameters = reader.Object(item, path, "parameters", required: false);
            selections.Add(new BundleSelection(
                reader.String(item, path, "name", required: true) ?? "",
                parameters?.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal) ?? []));
        }

        return selections;
    }
}
