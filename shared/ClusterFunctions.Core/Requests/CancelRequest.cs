namespace ClusterFunctions.Core.Requests;

/// <summary>A request to stop a running build (the optional body of <c>POST /api/clusters/{name}/cancel</c>).</summary>
/// <param name="Reason">Why, recorded in the build's termination and its ClusterFailed event.</param>
public sealed record CancelRequest(string? Reason = null);
