namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>A field an apply would change that another manager owns.</summary>
internal sealed record FieldConflict(string Manager, string ApiVersion, string Path);
