namespace ClusterFunctions.Core.Catalog;

/// <summary>The <c>kind</c> values a catalog file may declare.</summary>
public static class CatalogKinds
{
    public const string Profile = "Profile";
    public const string AppBundle = "AppBundle";
    public const string PolicyBundle = "PolicyBundle";

    public static readonly IReadOnlyList<string> All = [Profile, AppBundle, PolicyBundle];
}
