namespace ClusterFunctions.Core.Plans;

/// <summary>The infrastructure providers a profile can choose.</summary>
public static class InfrastructureProviders
{
    public const string Aks = "aks";
    public const string Existing = "existing";
}
