namespace ClusterFunctions.Core.Plans;

/// <summary>What a failed build does with what it already created.</summary>
public enum FailurePolicy
{
    /// <summary>Delete the partial cluster so nothing is left running (and billed).</summary>
    TearDown,

    /// <summary>Keep the partial cluster so a person can diagnose it.</summary>
    Keep,
}
