using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClusterFunctions.LocalCloud.Arm.Http;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// Rejects managed-cluster PUT bodies the way AKS does for the fields the catalog uses, answering
/// the first problem with its field (error.target) and the rule it breaks.
/// </summary>
internal static partial class ManagedClusterValidator
{
    private static readonly string[] SkuNames = ["Base", "Automatic"];
    private static readonly string[] SkuTiers = ["Free", "Standard", "Premium"];
    private static readonly string[] IdentityTypes = ["SystemAssigned", "UserAssigned", "None"];
    private static readonly string[] NetworkPlugins = ["azure", "kubenet", "none"];
    private static readonly string[] NetworkPolicies = ["none", "calico", "azure", "cilium"];
    private static readonly string[] Dataplanes = ["azure", "cilium"];

    public static ArmError? ValidateName(string name) =>
        ClusterName().IsMatch(name)
            ? null
            : new ArmError(400, "InvalidResourceName",
                $"Resource name '{name}' is invalid: a managed cluster name must be 1-63 characters of letters, digits, '-' and '_', starting and ending with a letter or digit.",
                "name");

    public static ArmError? Validate(JsonObject body, ISet<string> locations)
    {
        if (body["location"] is not JsonValue locationValue || !locationValue.TryGetValue(out string? location) || location.Length == 0)
        {
            return ArmError.InvalidParameter("location", "The 'location' property is required.");
        }

        if (!locations.Contains(location))
        {
            return new ArmError(400, "LocationNotAvailableForResourceType",
                $"The provided location '{location}' is not available for resource type 'Microsoft.ContainerService/managedClusters'.", "location");
        }

        return ValidateTags(body["tags"])
            ?? ValidateChoice(body["sku"]?["name"], "sku.name", SkuNames, required: false)
            ?? ValidateChoice(body["sku"]?["tier"], "sku.tier", SkuTiers, required: false)
            ?? ValidateChoice(body["identity"]?["type"], "identity.type", IdentityTypes, required: false)
            ?? ValidateProperties(body["properties"] as JsonObject);
    }

    /// <summary>What AKS refuses to change on an existing cluster: its region, its DNS prefix and a pool's VM size.</summary>
    public static ArmError? ValidateUpdate(JsonObject current, JsonObject proposed)
    {
        var (was, now) = (Text(current["location"]), Text(proposed["location"]));
        if (!string.Equals(was, now, StringComparison.OrdinalIgnoreCase))
        {
            return new ArmError(400, "InvalidResourceLocation",
                $"The resource already exists in location '{was}'. A resource with the same name cannot be created in location '{now}'.", "location");
        }

        (was, now) = (Text(current["properties"]?["dnsPrefix"]), Text(proposed["properties"]?["dnsPrefix"]));
        return string.Equals(was, now, StringComparison.Ordinal)
            ? ValidatePoolSizes(current, proposed)
            : new ArmError(400, "PropertyChangeNotAllowed", $"Changing property 'dnsPrefix' is not allowed (from '{was}' to '{now}').", "properties.dnsPrefix");
    }

    // A pool's nodes are of one size for life: AKS wants a new pool for another size.
    private static ArmError? ValidatePoolSizes(JsonObject current, JsonObject proposed)
    {
        var running = (current["properties"]?["agentPoolProfiles"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(p => Text(p["name"]) ?? "", p => Text(p["vmSize"]), StringComparer.Ordinal);
        var pools = proposed["properties"]?["agentPoolProfiles"] as JsonArray ?? [];
        for (var i = 0; i < pools.Count; i++)
        {
            var (name, size) = (Text(pools[i]?["name"]) ?? "", Text(pools[i]?["vmSize"]));
            if (running.TryGetValue(name, out var was) && !string.Equals(was, size, StringComparison.OrdinalIgnoreCase))
            {
                return new ArmError(400, "PropertyChangeNotAllowed",
                    $"Changing property 'vmSize' of agent pool '{name}' is not allowed (from '{was}' to '{size}'); add a pool of the new size instead.", $"properties.agentPoolProfiles[{i}].vmSize");
            }
        }

        return null;
    }

    private static ArmError? ValidateProperties(JsonObject? properties)
    {
        if (properties is null)
        {
            return ArmError.InvalidParameter("properties", "The 'properties' object is required.");
        }

        if (Text(properties["dnsPrefix"]) is not { } dnsPrefix || !DnsPrefix().IsMatch(dnsPrefix))
        {
            return ArmError.InvalidParameter("properties.dnsPrefix",
                "DNS prefix is required and must be 1-54 characters of letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (Text(properties["kubernetesVersion"]) is { Length: > 0 } version && !KubernetesVersion().IsMatch(version))
        {
            return ArmError.InvalidParameter("properties.kubernetesVersion",
                $"Kubernetes version '{version}' is not in the form <major>.<minor> or <major>.<minor>.<patch>.");
        }

        return ValidateNetwork(properties["networkProfile"] as JsonObject)
            ?? AgentPoolValidator.ValidatePools(properties["agentPoolProfiles"]);
    }

    private static ArmError? ValidateNetwork(JsonObject? network)
    {
        if (network is null)
        {
            return null;
        }

        var error = ValidateChoice(network["networkPlugin"], "properties.networkProfile.networkPlugin", NetworkPlugins, required: false)
            ?? ValidateChoice(network["networkPolicy"], "properties.networkProfile.networkPolicy", NetworkPolicies, required: false)
            ?? ValidateChoice(network["networkDataplane"], "properties.networkProfile.networkDataplane", Dataplanes, required: false);
        if (error is not null)
        {
            return error;
        }

        if (Text(network["networkPluginMode"]) is { } mode && !string.Equals(mode, "overlay", StringComparison.OrdinalIgnoreCase))
        {
            return ArmError.InvalidParameter("properties.networkProfile.networkPluginMode", $"Network plugin mode '{mode}' is not supported; the only mode is 'overlay'.");
        }

        // AKS: the cilium network policy is enforced by the cilium dataplane only.
        if (string.Equals(Text(network["networkPolicy"]), "cilium", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Text(network["networkDataplane"]), "cilium", StringComparison.OrdinalIgnoreCase))
        {
            return ArmError.InvalidParameter("properties.networkProfile.networkPolicy", "Network policy 'cilium' requires networkDataplane 'cilium'.");
        }

        return null;
    }

    private static ArmError? ValidateTags(JsonNode? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags is not JsonObject map)
        {
            return ArmError.InvalidParameter("tags", "Tags must be an object of string values.");
        }

        if (map.Count > 50)
        {
            return new ArmError(400, "InvalidTag", $"A resource can have at most 50 tags; the body has {map.Count}.", "tags");
        }

        foreach (var (key, value) in map)
        {
            // ARM refuses these characters in tag names, which is why the catalog's tags use '-' not '/'.
            if (key.Length is 0 or > 512 || key.IndexOfAny(['<', '>', '%', '&', '\\', '?', '/']) >= 0)
            {
                return new ArmError(400, "InvalidTagNameCharacters",
                    $"The tag name '{key}' must be 1-512 characters and cannot contain '<', '>', '%', '&', '\\', '?' or '/'.", $"tags.{key}");
            }

            if (Text(value) is not { } text || text.Length > 256)
            {
                return new ArmError(400, "InvalidTag", $"The value of tag '{key}' must be a string of at most 256 characters.", $"tags.{key}");
            }
        }

        return null;
    }

    internal static ArmError? ValidateChoice(JsonNode? node, string target, string[] allowed, bool required)
    {
        var text = Text(node);
        if (text is null)
        {
            return required || node is not null
                ? ArmError.InvalidParameter(target, $"'{target}' is required and must be one of: {string.Join(", ", allowed)}.")
                : null;
        }

        return allowed.Contains(text, StringComparer.OrdinalIgnoreCase)
            ? null
            : ArmError.InvalidParameter(target, $"'{text}' is not a valid value for '{target}'; allowed: {string.Join(", ", allowed)}.");
    }

    internal static bool IsKubernetesVersion(string version) => KubernetesVersion().IsMatch(version);

    internal static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex ClusterName();

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$")]
    private static partial Regex DnsPrefix();

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?$")]
    private static partial Regex KubernetesVersion();
}
