using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClusterFunctions.LocalCloud.Arm.Http;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>AKS's rules for the inline agentPoolProfiles of a managed-cluster PUT.</summary>
internal static partial class AgentPoolValidator
{
    private static readonly string[] Modes = ["System", "User"];
    private static readonly string[] OsTypes = ["Linux", "Windows"];
    private static readonly string[] PoolTypes = ["VirtualMachineScaleSets", "AvailabilitySet"];
    private static readonly string[] GpuDrivers = ["Install", "None"];

    public static ArmError? ValidatePools(JsonNode? node)
    {
        if (node is not JsonArray pools || pools.Count == 0)
        {
            return ArmError.InvalidParameter("properties.agentPoolProfiles", "At least one agent pool must be defined in agentPoolProfiles when creating a cluster.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var systemPools = 0;
        for (var i = 0; i < pools.Count; i++)
        {
            var target = $"properties.agentPoolProfiles[{i}]";
            if (pools[i] is not JsonObject pool)
            {
                return ArmError.InvalidParameter(target, "Each agent pool profile must be an object.");
            }

            var error = ValidatePool(pool, target);
            if (error is not null)
            {
                return error;
            }

            var name = ManagedClusterValidator.Text(pool["name"])!;
            if (!names.Add(name))
            {
                return ArmError.InvalidParameter($"{target}.name", $"Agent pool name '{name}' is used more than once.");
            }

            if (string.Equals(ManagedClusterValidator.Text(pool["mode"]), "System", StringComparison.OrdinalIgnoreCase))
            {
                systemPools++;
            }
        }

        // AKS needs at least one System pool to host critical system pods (it allows more than one).
        return systemPools == 0
            ? ArmError.InvalidParameter("properties.agentPoolProfiles", "A cluster must have at least one agent pool with mode 'System'.")
            : null;
    }

    private static ArmError? ValidatePool(JsonObject pool, string target)
    {
        if (ManagedClusterValidator.Text(pool["name"]) is not { } name || !PoolName().IsMatch(name))
        {
            return ArmError.InvalidParameter($"{target}.name",
                $"Agent pool name '{ManagedClusterValidator.Text(pool["name"])}' is invalid: it must match ^[a-z][a-z0-9]{{0,11}}$ (lower-case letter first, at most 12 characters).");
        }

        var error = ManagedClusterValidator.ValidateChoice(pool["mode"], $"{target}.mode", Modes, required: false)
            ?? ManagedClusterValidator.ValidateChoice(pool["osType"], $"{target}.osType", OsTypes, required: false)
            ?? ManagedClusterValidator.ValidateChoice(pool["type"], $"{target}.type", PoolTypes, required: false)
            ?? ManagedClusterValidator.ValidateChoice(pool["gpuProfile"]?["driver"], $"{target}.gpuProfile.driver", GpuDrivers, required: false);
        if (error is not null)
        {
            return error;
        }

        if (ManagedClusterValidator.Text(pool["vmSize"]) is not { Length: > 0 })
        {
            return ArmError.InvalidParameter($"{target}.vmSize", $"Agent pool '{name}' must name a vmSize.");
        }

        return ValidateCounts(pool, target, name) ?? ValidateTaints(pool["nodeTaints"], target);
    }

    private static ArmError? ValidateCounts(JsonObject pool, string target, string name)
    {
        var isSystem = string.Equals(ManagedClusterValidator.Text(pool["mode"]), "System", StringComparison.OrdinalIgnoreCase);
        var count = Int(pool["count"]) ?? 1;
        if (count is < 0 or > 1000)
        {
            return ArmError.InvalidParameter($"{target}.count", $"Agent pool '{name}' count {count} must be between 0 and 1000.");
        }

        if (isSystem && count < 1)
        {
            return ArmError.InvalidParameter($"{target}.count", $"System agent pool '{name}' must have at least 1 node.");
        }

        if (pool["enableAutoScaling"] is not JsonValue auto || !auto.TryGetValue(out bool autoscale) || !autoscale)
        {
            return null;
        }

        if (Int(pool["minCount"]) is not { } min || Int(pool["maxCount"]) is not { } max)
        {
            return ArmError.InvalidParameter($"{target}.minCount", $"Agent pool '{name}' enables autoscaling, so minCount and maxCount are required.");
        }

        if (min < 0 || max > 1000 || min > max)
        {
            return ArmError.InvalidParameter($"{target}.minCount", $"Agent pool '{name}' needs 0 <= minCount <= maxCount <= 1000 (got {min} and {max}).");
        }

        if (isSystem && min < 1)
        {
            return ArmError.InvalidParameter($"{target}.minCount", $"System agent pool '{name}' must have minCount of at least 1.");
        }

        return count < min || count > max
            ? ArmError.InvalidParameter($"{target}.count", $"Agent pool '{name}' count {count} must be within minCount {min} and maxCount {max}.")
            : null;
    }

    private static ArmError? ValidateTaints(JsonNode? node, string target)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray taints)
        {
            return ArmError.InvalidParameter($"{target}.nodeTaints", "nodeTaints must be an array of 'key=value:Effect' strings.");
        }

        foreach (var taint in taints)
        {
            if (ManagedClusterValidator.Text(taint) is not { } text || !Taint().IsMatch(text))
            {
                return ArmError.InvalidParameter($"{target}.nodeTaints",
                    $"Taint '{ManagedClusterValidator.Text(taint)}' must be 'key=value:Effect' with Effect NoSchedule, PreferNoSchedule or NoExecute.");
            }
        }

        return null;
    }

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue(out int number) ? number : null;

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    private static partial Regex PoolName();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?(=[A-Za-z0-9._-]*)?:(NoSchedule|PreferNoSchedule|NoExecute)$")]
    private static partial Regex Taint();
}
