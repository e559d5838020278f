namespace ClusterFunctions.Functions.Triggers;

/// <summary>What a cancellation did.</summary>
public enum CancelOutcome
{
    Accepted,
    NotFound,
    NotRunning,
    Forbidden,
}
