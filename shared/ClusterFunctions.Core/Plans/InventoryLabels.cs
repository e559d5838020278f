namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Labels and annotations the renderer puts on every object, so the apply engine can find what it
/// owns (to prune) and a person can tell which request and profile version an object came from.
/// </summary>
public static class InventoryLabels
{
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "clusterfunctions";
    public const string Cluster = "clusterfunctions.io/cluster";
    public const string Bundle = "clusterfunctions.io/bundle";
    public const string RequestIdAnnotation = "clusterfunctions.io/request-id";
    public const string ProfileVersionAnnotation = "clusterfunctions.io/profile-version";
    public const string ProtectedLabel = "clusterfunctions.io/protected";
}
