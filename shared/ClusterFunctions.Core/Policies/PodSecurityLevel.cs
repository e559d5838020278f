namespace ClusterFunctions.Core.Policies;

/// <summary>The Pod Security Standards levels, from most to least permissive.</summary>
public enum PodSecurityLevel
{
    Privileged,
    Baseline,
    Restricted,
}
