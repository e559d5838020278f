namespace ClusterFunctions.Functions.Triggers;

/// <summary>The body of an approval decision.</summary>
public sealed record ApprovalBody(bool Approved, string? Comment);
