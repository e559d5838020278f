using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// An infrastructure activity's answer, with a classified failure as data rather than an exception
/// (exceptions cross the activity boundary as text), so the orchestrator can wait on a durable timer
/// for exactly as long as the cloud asked.
/// </summary>
public sealed record InfrastructureCall<T>(T? Value, InfrastructureFailure? Failure)
{
    public static InfrastructureCall<T> Succeeded(T value) => new(value, null);

    public static InfrastructureCall<T> From(InfrastructureException e) => new(default, e.ToFailure());
}
