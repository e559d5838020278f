using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// A decoded queue message, by its subject: create (the default) or delete carry a cluster request;
/// approve and deny name the cluster and may carry a comment.
/// </summary>
public sealed record ClusterCommand(ClusterCommandKind Kind, ClusterRequest? Request, string ClusterName, string? Comment = null);
