namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>A person's decision on a build that waits for approval (the payload of the "approval" event).</summary>
/// <param name="Signature">Set by the approval routes (see <c>RouteSignatures</c>); a decision without a valid one is ignored.</param>
public sealed record ApprovalDecision(bool Approved, string By, string? Comment, string? Signature = null)
{
    public const string EventName = "approval";
}
