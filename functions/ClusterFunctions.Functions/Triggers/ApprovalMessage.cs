namespace ClusterFunctions.Functions.Triggers;

/// <summary>The body of an approve or deny queue message.</summary>
public sealed record ApprovalMessage(string ClusterName, string? Comment = null);
