namespace ClusterFunctions.Durable;

/// <summary>The runtime status of an orchestration instance (names and values as in Durable Task).</summary>
public enum OrchestrationRuntimeStatus
{
    Running = 0,
    Completed = 1,
    ContinuedAsNew = 2,
    Failed = 3,
    Canceled = 4,
    Terminated = 5,
    Pending = 6,
    Suspended = 7,
}
