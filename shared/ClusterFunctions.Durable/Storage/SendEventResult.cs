namespace ClusterFunctions.Durable.Storage;

/// <summary>Whether a message reached an instance.</summary>
public enum SendEventResult
{
    /// <summary>Queued for the instance.</summary>
    Sent,

    /// <summary>No instance has that ID.</summary>
    NotFound,

    /// <summary>The instance has already finished.</summary>
    AlreadyCompleted,
}
