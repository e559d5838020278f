namespace ClusterFunctions.Durable;

/// <summary>Classifies runtime statuses.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for statuses from which an instance never moves again.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
}
