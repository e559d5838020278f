using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>A decoded queue message: create (the default) or delete (message subject "delete") of a cluster.</summary>
public sealed record ClusterCommand(bool Delete, ClusterRequest Request);
