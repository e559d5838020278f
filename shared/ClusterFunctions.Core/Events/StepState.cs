namespace ClusterFunctions.Core.Events;

/// <summary>Where one step of a build is.</summary>
public enum StepState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
