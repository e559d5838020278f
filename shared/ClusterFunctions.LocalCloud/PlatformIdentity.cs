using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.LocalCloud;

/// <summary>
/// Who the product is inside an emulated cluster: a cluster admin that is also in the platform group,
/// the only group the catalog's locked-RBAC policy lets change roles and bindings.
/// </summary>
public static class PlatformIdentity
{
    public const string Group = "clusterfunctions:platform";

    public static EmulatorIdentity Identity { get; } = new("clusterfunctions-platform", ["system:masters", Group, "system:authenticated"]);
}
