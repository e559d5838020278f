namespace ClusterFunctions.Functions.Triggers;

/// <summary>What an approval decision did.</summary>
public enum ApprovalOutcome
{
    Accepted,
    NotFound,
    NotWaiting,
    Forbidden,
}
