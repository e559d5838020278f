namespace ClusterFunctions.Core.Requests;

/// <summary>A queue message that names a cluster: approve or deny its waiting build.</summary>
/// <param name="ClusterName">The cluster the decision is about.</param>
/// <param name="Comment">Why, recorded with the decision.</param>
public sealed record ClusterDecision(string ClusterName, string? Comment = null);
