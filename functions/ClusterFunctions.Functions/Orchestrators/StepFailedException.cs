namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>A build step failed for good; carries the step's name so the failure event can name it.</summary>
public sealed class StepFailedException(string step, string cause) : Exception($"step '{step}' failed: {cause}")
{
    public string Step { get; } = step;

    public string Cause { get; } = cause;
}
