namespace ClusterFunctions.Functions.Catalog;

/// <summary>A git command that failed; its message is already scrubbed of the URL's secrets and the credentials.</summary>
public sealed class GitCommandException(string message) : Exception(message);
