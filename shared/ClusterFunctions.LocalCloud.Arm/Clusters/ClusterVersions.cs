using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Http;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// Settles the versions of an accepted managed-cluster body: each pool's orchestratorVersion is the one it was given,
/// else the one it runs (an update leaves pools alone unless asked, as a control-plane-only upgrade), else the control
/// plane's (a new pool; left implicit in the body, as <see cref="KubernetesVersionRules.PoolVersion"/> reads it).
/// Checks <see cref="KubernetesVersionRules"/> on the way.
/// </summary>
internal static class ClusterVersions
{
    /// <summary>Fills the pools' versions into <paramref name="proposed"/>; the first rule broken, or null.</summary>
    public static ArmError? Apply(JsonObject? current, JsonObject proposed)
    {
        var plane = KubernetesVersionRules.ControlPlaneVersion(proposed);
        var was = current is null ? null : KubernetesVersionRules.ControlPlaneVersion(current);
        if (was is not null && KubernetesVersionRules.ControlPlaneChange(was, plane) is { } planeError)
        {
            return planeError;
        }

        var running = current?["properties"]?["agentPoolProfiles"] as JsonArray ?? [];
        var pools = proposed["properties"]?["agentPoolProfiles"] as JsonArray ?? [];
        for (var i = 0; i < pools.Count; i++)
        {
            var pool = (JsonObject)pools[i]!;
            var name = ManagedClusterValidator.Text(pool["name"])!;
            var target = $"properties.agentPoolProfiles[{i}].orchestratorVersion";
            var given = ManagedClusterValidator.Text(pool["orchestratorVersion"]);
            if (pool["orchestratorVersion"] is not null && (given is null || !ManagedClusterValidator.IsKubernetesVersion(given)))
            {
                return ArmError.InvalidParameter(target, $"Orchestrator version '{pool["orchestratorVersion"]!.ToJsonString()}' of agent pool '{name}' is not in the form <major>.<minor> or <major>.<minor>.<patch>.");
            }

            var runs = running.OfType<JsonObject>().FirstOrDefault(p => ManagedClusterValidator.Text(p["name"]) == name) is { } existing
                ? KubernetesVersionRules.PoolVersion(existing, was!)
                : null;
            var version = given ?? runs ?? plane;
            if (KubernetesVersionRules.Pool(name, runs, version, plane, target) is { } poolError)
            {
                return poolError;
            }

            // Written only when it differs from what the body says already: a create is stored exactly as sent.
            if (given is null && version != plane)
            {
                pool["orchestratorVersion"] = version;
            }
        }

        return null;
    }
}
