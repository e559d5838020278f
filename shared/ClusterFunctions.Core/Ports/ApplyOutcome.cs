namespace ClusterFunctions.Core.Ports;

/// <summary>What server-side apply did to one object.</summary>
public enum ApplyOutcome
{
    /// <summary>The object did not exist and was created.</summary>
    Created,

    /// <summary>The object existed and this apply changed its spec or metadata (status changes do not count).</summary>
    Configured,

    /// <summary>The object already matched the manifest; nothing was written.</summary>
    Unchanged,
}
