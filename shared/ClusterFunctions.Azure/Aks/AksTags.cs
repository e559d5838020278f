using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Azure.Aks;

/// <summary>The ARM tags the renderer puts on the managed cluster; the request id is how a re-run finds its own cluster.</summary>
public static class AksTags
{
    /// <summary>The request that created the cluster.</summary>
    public const string RequestId = InventoryLabels.RequestIdAnnotation;

    /// <summary>The content hash of the profile the cluster was rendered from.</summary>
    public const string ProfileVersion = InventoryLabels.ProfileVersionAnnotation;

    /// <summary>The catalog profile name.</summary>
    public const string Profile = "clusterfunctions.io/profile";
}
