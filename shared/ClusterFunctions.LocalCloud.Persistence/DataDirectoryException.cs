namespace ClusterFunctions.LocalCloud.Persistence;

/// <summary>A data directory cannot be used: held by another process, or holding a damaged state file. The message says which and what to do.</summary>
public sealed class DataDirectoryException(string message, Exception? inner = null) : IOException(message, inner);
