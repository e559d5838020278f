namespace ClusterFunctions.Core.Requests;

/// <summary>An approver's decision on a build that waits for approval (the body of <c>POST /api/clusters/{name}/approve</c>).</summary>
/// <param name="Approved">True to let the build go on, false to deny it.</param>
/// <param name="Comment">Why, recorded with the decision.</param>
public sealed record ApprovalRequest(bool Approved, string? Comment = null);
