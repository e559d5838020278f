using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Http;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// AKS's version rules for a cluster and its pools: the control plane moves one minor version at a time and never back;
/// a node pool runs no newer than the control plane, at most three minor versions behind it, and also moves one minor
/// version at a time. So an upgrade goes control plane first, then pools, one minor version per step.
/// </summary>
internal static class KubernetesVersionRules
{
    /// <summary>What a cluster without a kubernetesVersion runs (the service default).</summary>
    public const string DefaultVersion = "1.32";

    private const int MaxPoolMinorsBehind = 3;

    /// <summary>Checks a change of the control plane's version (<paramref name="from"/> is what it runs).</summary>
    public static ArmError? ControlPlaneChange(string from, string to) =>
        Step(from, to, "properties.kubernetesVersion", "the control plane");

    /// <summary>Checks a pool's version against the control plane's, and its change from what it runs (null for a new pool).</summary>
    public static ArmError? Pool(string name, string? from, string to, string controlPlane, string target)
    {
        var (pool, plane) = (Minor(to), Minor(controlPlane));
        if (Compare(to, controlPlane) > 0)
        {
            return new ArmError(400, "NodePoolMcVersionIncompatible",
                $"Node pool '{name}' version {to} and control plane version {controlPlane} are incompatible: a node pool cannot be newer than the control plane. Upgrade the control plane first.", target);
        }

        if (plane - pool > MaxPoolMinorsBehind)
        {
            return new ArmError(400, "NodePoolMcVersionIncompatible",
                $"Node pool '{name}' version {to} and control plane version {controlPlane} are incompatible: a node pool may be at most {MaxPoolMinorsBehind} minor versions behind the control plane.", target);
        }

        return from is null ? null : Step(from, to, target, $"node pool '{name}'");
    }

    /// <summary>The pool's orchestratorVersion, or the version it runs by default (the control plane's).</summary>
    public static string PoolVersion(JsonObject pool, string controlPlane) =>
        ManagedClusterValidator.Text(pool["orchestratorVersion"]) is { Length: > 0 } version ? version : controlPlane;

    public static string ControlPlaneVersion(JsonObject body) =>
        ManagedClusterValidator.Text(body["properties"]?["kubernetesVersion"]) is { Length: > 0 } version ? version : DefaultVersion;

    private static ArmError? Step(string from, string to, string target, string what)
    {
        if (Compare(to, from) < 0)
        {
            return new ArmError(400, "UpgradeNotAllowed", $"Downgrading {what} from Kubernetes version {from} to {to} is not allowed.", target);
        }

        return Major(to) != Major(from) || Minor(to) - Minor(from) > 1
            ? new ArmError(400, "UpgradeNotAllowed",
                $"Upgrading {what} from Kubernetes version {from} to {to} is not allowed: it may move at most one minor version at a time (to {Major(from)}.{Minor(from) + 1}).", target)
            : null;
    }

    private static int Compare(string left, string right) => Parts(left).Zip(Parts(right), (l, r) => l.CompareTo(r)).FirstOrDefault(c => c != 0);

    private static int Major(string version) => Parts(version)[0];

    private static int Minor(string version) => Parts(version)[1];

    // Validated as <major>.<minor>[.<patch>] before these rules run; a missing patch compares as 0.
    private static int[] Parts(string version)
    {
        var parts = version.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        while (parts.Count < 3)
        {
            parts.Add(0);
        }

        return [.. parts];
    }
}
