namespace ClusterFunctions.Durable;

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The orchestration instance that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Signalled when the worker shuts down while the activity runs.</summary>
    public virtual CancellationToken CancellationToken => CancellationToken.None;
}
