namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>A person's decision on a build that waits for approval (the payload of the "approval" event).</summary>
public sealed record ApprovalDecision(bool Approved, string By, string? Comment)
{
    public const string EventName = "approval";
}
