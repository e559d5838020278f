namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Tags the renderer puts on the managed cluster. Azure tag names may not contain '/', so these
/// differ from the Kubernetes label keys in <see cref="InventoryLabels"/>.
/// </summary>
public static class AzureTags
{
    public const string RequestId = "clusterfunctions-request-id";
    public const string Profile = "clusterfunctions-profile";
    public const string ProfileVersion = "clusterfunctions-profile-version";
}
